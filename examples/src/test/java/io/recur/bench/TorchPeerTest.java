package io.recur.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.recur.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running the peer as a process: its command line, its progress, its JSON and its failures —
 * with stand-in scripts in place of torch_charlm.py (BenchCommandTest runs the real one), and the
 * in-repo word peer on the shared reference when PyTorch is installed.
 */
class TorchPeerTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  /** torch_charlm.py's output for one cell and thread count, numbers derived from the arguments it got. */
  private static final String STAND_IN = """
      import json, sys
      a = sys.argv[1:]
      arg = lambda name: a[a.index(name) + 1]
      corpus = open(a[0]).read()
      print('training ...', file=sys.stderr)
      cell, threads = arg('--cells'), arg('--threads')
      r = {'train': {threads: {'tokens_per_s': 1000 * float(arg('--bench-seconds'))}},
           'score': {threads: {'tokens_per_s': 1000 * float(arg('--score-seconds')) + len(corpus)}},
           'generate': {threads: {'ms_per_char_median': 0.25 if '--skip-ppl' in a else 99}}}
      print(json.dumps({'framework': 'pytorch', 'cells': {cell: r}}))
      """;

  private static Path shared(Path dir, String script) throws Exception {
    Path file = dir.resolve(TorchPeer.SCRIPT);
    Files.createDirectories(file.getParent());
    Files.writeString(file, script);
    return dir;
  }

  @Test
  void runsTheScriptOnTheCorpusWithTheCellThreadsAndSecondsAndReadsItsJson(@TempDir Path dir) throws Exception {
    TorchPeer peer = TorchPeer.locate(PYTHON, shared(dir, STAND_IN));
    Path corpus = Files.writeString(dir.resolve("tm.txt"), "time machine");
    List<String> progress = new ArrayList<>();
    BenchResult r = peer.run(corpus, Workload.reference("gru"), 2, 1.5, progress::add);
    assertEquals(1500, r.trainTokensPerSecond().getAsDouble());
    assertEquals(1500 + 12, r.scoreTokensPerSecond().getAsDouble());
    assertEquals(0.25, r.generationMsPerToken().getAsDouble());
    assertEquals(List.of("training ..."), progress);
  }

  @Test
  void aFailingScriptIsAnErrorWithItsLastWords(@TempDir Path dir) throws Exception {
    TorchPeer peer = TorchPeer.locate(PYTHON, shared(dir, "import sys\nprint('boom', file=sys.stderr)\nsys.exit(3)\n"));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> peer.run(dir.resolve("tm.txt"), Workload.reference("lstm"), 1, 1, line -> { }));
    assertTrue(e.getMessage().contains("exit 3") && e.getMessage().contains("boom"), e.getMessage());
  }

  @Test
  void aMissingScriptOrInterpreterIsBadInputNamingThePathAndTheOption(@TempDir Path dir) {
    InvalidInputException noScript = assertThrows(InvalidInputException.class, () -> TorchPeer.locate(PYTHON, dir));
    assertTrue(noScript.getMessage().contains(dir.resolve(TorchPeer.SCRIPT).toString()) && noScript.getMessage().contains("--shared"));
    InvalidInputException noPython = assertThrows(InvalidInputException.class,
        () -> TorchPeer.locate(dir.resolve("python3"), shared(dir, STAND_IN)));
    assertTrue(noPython.getMessage().contains("python3 not found") && noPython.getMessage().contains("--python"));
  }

  @Test
  void anInterpreterWithoutTorchIsBadInputSayingSo(@TempDir Path dir) throws Exception {
    Path python = dir.resolve("python-without-torch");
    Files.writeString(python, "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'torch'\" >&2\nexit 1\n");
    Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwx------"));
    TorchPeer peer = TorchPeer.locate(python, shared(dir, STAND_IN));
    InvalidInputException e = assertThrows(InvalidInputException.class, peer::checkTorch);
    assertTrue(e.getMessage().contains("No module named 'torch'") && e.getMessage().contains("python3-torch"), e.getMessage());
  }

  @Test
  void onlyTheReferenceWorkloadOfItsThreeCells() {
    TorchPeer.checkWorkload(Workload.reference("gru"));
    assertThrows(InvalidInputException.class, () -> TorchPeer.checkWorkload(Workload.reference("rnn-relu")));
    assertThrows(InvalidInputException.class, () -> TorchPeer.checkWorkload(new Workload("lstm", 128, 1, 0, 32, 35, false)));
    assertThrows(InvalidInputException.class, () -> TorchPeer.checkWorkload(new Workload("lstm", 256, 1, 0, 32, 20, false)));
  }

  @Test
  void theWordPeerRunsAnyLstmWithAnEmbedding() {
    TorchPeer.checkWorkload(Workload.wordReference());
    TorchPeer.checkWorkload(new Workload("lstm", 650, 2, 650, 20, 35, true));
    assertThrows(InvalidInputException.class, () -> TorchPeer.checkWorkload(new Workload("gru", 200, 2, 200, 20, 20, true)));
    assertThrows(InvalidInputException.class, () -> TorchPeer.checkWorkload(new Workload("lstm", 200, 2, 0, 20, 20, true)));
  }

  @Test
  void aMissingWordReferenceIsBadInputNamingThePathAndTheOption(@TempDir Path dir) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TorchPeer.locate(PYTHON, dir, true));
    assertTrue(e.getMessage().contains(dir.resolve(TorchPeer.WORD_SCRIPT).toString()) && e.getMessage().contains("--shared"),
        e.getMessage());
  }

  /** The in-repo word peer on the shared reference, when this machine has both and PyTorch: it gets the workload's shape and measures all three. */
  @Test
  void runsTheWordPeerWithTheWorkloadsShapeAndReadsAllThreeNumbers(@TempDir Path dir) throws Exception {
    Path shared = Path.of("..", "..", "shared").toAbsolutePath().normalize();
    assumeTrue(Files.isRegularFile(shared.resolve(TorchPeer.WORD_SCRIPT)), "no word reference under " + shared);
    Process torch = new ProcessBuilder(PYTHON.toString(), "-c", "import torch").start();
    assumeTrue(torch.waitFor(60, TimeUnit.SECONDS) && torch.exitValue() == 0, "PyTorch is not installed for " + PYTHON);
    StringBuilder text = new StringBuilder();
    for (int line = 0; line < 40; line++) {
      text.append("the cat sat on the mat ").append(line % 7).append('\n');
    }
    Path corpus = Files.writeString(dir.resolve("words.txt"), text);
    List<String> progress = new ArrayList<>();
    BenchResult r = TorchPeer.locate(PYTHON, shared, true).run(corpus, new Workload("lstm", 30, 2, 40, 5, 6, true), 1, 0.1,
        progress::add);
    assertTrue(r.trainTokensPerSecond().getAsDouble() > 0 && r.scoreTokensPerSecond().getAsDouble() > 0
        && r.generationMsPerToken().getAsDouble() > 0, r.toString());
    assertTrue(progress.contains("2 x 30 LSTM, embedding 40, vocabulary 13, batch 5 x 6, lr 1, clip 5, 1 thread(s)"),
        progress.toString());
  }

  @Test
  void wordOutputWithoutScoringOrGenerationIsAnError() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TorchPeer.parseWords("{\"train_tokens_per_s\": 5, \"score_tokens_per_s\": 7}"));
    assertTrue(e.getMessage().contains("gen_ms_per_token"), e.getMessage());
  }

  @Test
  void outputWithoutTheCellOrThreadCountIsAnError() {
    String json = "{\"cells\": {\"lstm\": {\"train\": {\"2\": {\"tokens_per_s\": 5}}}}}";
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TorchPeer.parse(json, "lstm", 1));
    assertTrue(e.getMessage().contains("cells.lstm.train.1.tokens_per_s"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> TorchPeer.parse("not json {", "lstm", 1));
  }
}
