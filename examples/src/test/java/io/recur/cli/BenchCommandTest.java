package io.recur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.recur.bench.TorchPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recur bench}: the JSON contract on short runs, and bad input. No timing is asserted. */
class BenchCommandTest {
  private static final String[] TINY = {"bench", "--cell", "gru", "--hidden", "12", "--batch", "4", "--steps", "6",
      "--seconds", "0.3", "--warmup", "0", "--json"};
  private static final String[] TINY_WORDS = {"--tokenizer", "word", "--preprocess", "none", "--embed", "8", "--hidden", "8",
      "--batch", "4", "--steps", "5", "--seconds", "0.3", "--warmup", "0", "--json"};

  private static CliRun bench(String... more) {
    String[] args = new String[TINY.length + more.length];
    System.arraycopy(TINY, 0, args, 0, TINY.length);
    System.arraycopy(more, 0, args, TINY.length, more.length);
    return CliRun.of(args);
  }

  private static void assertPositive(JsonObject o, String... fields) {
    for (String f : fields) {
      assertTrue(o.has(f) && !o.get(f).isJsonNull() && o.get(f).getAsDouble() > 0, f + " in " + o);
    }
  }

  @Test
  void aShortRunOnNd4jReportsEveryNumberWithTheThreadCountItUsed() {
    CliRun r = bench("--threads", "2", "--rounds", "2", "--peak");
    assertEquals(0, r.exit(), r.err());
    JsonObject j = r.json();
    assertEquals("nd4j", j.get("backend").getAsString());
    assertEquals(2, j.get("threads").getAsInt());
    assertTrue(j.get("compute").getAsString().contains("2 threads"), j.get("compute").getAsString());
    assertTrue(!j.get("cpu").getAsString().isBlank());
    assertPositive(j, "train_tokens_per_s", "score_tokens_per_s", "gen_ms_per_token", "flops_per_token",
        "forward_flops_per_token", "peak_gflops", "fraction_of_peak", "score_fraction_of_peak");
    assertEquals(3 * j.get("forward_flops_per_token").getAsLong(), j.get("flops_per_token").getAsLong());
    assertEquals(j.get("train_tokens_per_s").getAsDouble() * j.get("flops_per_token").getAsDouble()
        / (j.get("peak_gflops").getAsDouble() * 1e9), j.get("fraction_of_peak").getAsDouble(), 1e-12);
    JsonArray rounds = j.getAsJsonArray("per_round");
    assertEquals(2, rounds.size());
    double mean = (rounds.get(0).getAsJsonObject().getAsJsonObject("recur").get("score_tokens_per_s").getAsDouble()
        + rounds.get(1).getAsJsonObject().getAsJsonObject("recur").get("score_tokens_per_s").getAsDouble()) / 2;
    assertEquals(mean, j.get("score_tokens_per_s").getAsDouble(), 1e-9 * mean, "the median of two rounds");
    assertTrue(j.get("peer").isJsonNull());
    assertTrue(r.err().contains("round 2/2"), r.err());
  }

  /** Sixty short lines of seven words, the digits 0-6 and 0-4. */
  private static Path wordCorpus(Path dir) throws Exception {
    StringBuilder text = new StringBuilder();
    for (int line = 0; line < 60; line++) {
      text.append("the cat sat on mat ").append(line % 7).append(" and dog ").append(line % 5).append('\n');
    }
    return Files.writeString(dir.resolve("words.txt"), text);
  }

  private static CliRun wordBench(Path corpus, String... more) {
    List<String> args = new ArrayList<>(List.of("bench", "--corpus", corpus.toString()));
    args.addAll(List.of(TINY_WORDS));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void aWordCorpusRunsTheWordWorkloadOverItsOwnVocabulary(@TempDir Path dir) throws Exception {
    CliRun r = wordBench(wordCorpus(dir));
    assertEquals(0, r.exit(), r.err());
    JsonObject j = r.json();
    assertEquals("word", j.get("tokenizer").getAsString());
    assertEquals(1 + 7 + 7 + 1, j.get("vocab").getAsInt(), "<unk>, seven words, the digits 0-6, <eos>: " + j);
    assertEquals(2, j.get("layers").getAsInt(), "the word workload's default");
    assertEquals("batchify", j.get("partition").getAsString());
    assertEquals(5.0, j.get("clip").getAsDouble());
    assertPositive(j, "train_tokens_per_s", "score_tokens_per_s", "gen_ms_per_token");
  }

  @Test
  void onOnnxRuntimeTrainingIsNullAndScoringAndGenerationAreMeasured() {
    CliRun r = bench("--backend", "onnx", "--embed", "5", "--layers", "2");
    assertEquals(0, r.exit(), r.err());
    JsonObject j = r.json();
    assertEquals("onnx", j.get("backend").getAsString());
    assertEquals(1, j.get("threads").getAsInt());
    assertTrue(j.get("train_tokens_per_s").isJsonNull(), j.toString());
    assertTrue(j.get("fraction_of_peak").isJsonNull(), j.toString());
    assertPositive(j, "score_tokens_per_s", "gen_ms_per_token");
  }

  @Test
  void aMissingPeerScriptIsOneLineAndExitTwo(@TempDir Path dir) {
    CliRun r = CliRun.of("bench", "--peer", "torch", "--shared", dir.toString(), "--seconds", "0.1");
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains(dir.resolve(TorchPeer.SCRIPT).toString()) && r.err().contains("--shared"), r.err());
  }

  @Test
  void aMissingWordReferenceIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
    CliRun r = wordBench(wordCorpus(dir), "--peer", "torch", "--shared", dir.toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains(dir.resolve(TorchPeer.WORD_SCRIPT).toString()) && r.err().contains("--shared"), r.err());
  }

  @Test
  void aMissingPythonIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
    Path script = dir.resolve(TorchPeer.SCRIPT);
    Files.createDirectories(script.getParent());
    Files.writeString(script, "raise SystemExit(1)\n");
    CliRun r = CliRun.of("bench", "--peer", "torch", "--shared", dir.toString(), "--python", dir.resolve("no-python").toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains("python3 not found"), r.err());
  }

  @Test
  void badOptionsAreOneLineAndExitTwo() {
    for (String[] args : List.of(
        new String[] {"bench", "--seconds", "0"},
        new String[] {"bench", "--warmup", "-1"},
        new String[] {"bench", "--rounds", "0"},
        new String[] {"bench", "--batch", "0"},
        new String[] {"bench", "--hidden", "-3"},
        new String[] {"bench", "--peer", "tensorflow"},
        new String[] {"bench", "--peer", "torch", "--hidden", "64"},
        new String[] {"bench", "--peer", "torch", "--cell", "rnn-relu"},
        new String[] {"bench", "--peer", "torch", "--tokenizer", "word", "--cell", "gru"},
        new String[] {"bench", "--peer", "torch", "--tokenizer", "word", "--preprocess", "letters"},
        new String[] {"bench", "--tokenizer", "bpe"},
        new String[] {"bench", "--backend", "tf"})) {
      CliRun r = CliRun.of(args);
      assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
      assertEquals(1, r.errLines().size(), String.join(" ", args) + ": " + r.err());
    }
  }

  /** The real PyTorch peer, when this machine has it: both sides measured, ratios from the medians. */
  @Test
  void sideBySideWithPyTorch() throws Exception {
    Path shared = sharedWithTorch(TorchPeer.SCRIPT);
    CliRun r = CliRun.of("bench", "--cell", "rnn", "--peer", "torch", "--shared", shared.toString(), "--seconds", "0.2",
        "--warmup", "0", "--json");
    assertComparedWithPyTorch(r);
  }

  /** The word workload: PyTorch's scoring and generation figures and ratios too. */
  @Test
  void wordsSideBySideWithPyTorch(@TempDir Path dir) throws Exception {
    Path shared = sharedWithTorch(TorchPeer.WORD_SCRIPT);
    assertComparedWithPyTorch(wordBench(wordCorpus(dir), "--peer", "torch", "--shared", shared.toString()));
  }

  /** ../shared, if it holds {@code script} and this machine's python3 has PyTorch; the test is skipped otherwise. */
  private static Path sharedWithTorch(Path script) throws Exception {
    Path shared = Path.of("..", "..", "shared").toAbsolutePath().normalize();
    assumeTrue(Files.isRegularFile(shared.resolve(script)), "no " + script + " under " + shared);
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").start();
    assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "PyTorch is not installed");
    return shared;
  }

  private static void assertComparedWithPyTorch(CliRun r) {
    assertEquals(0, r.exit(), r.err());
    JsonObject j = r.json();
    assertEquals("torch", j.get("peer").getAsString());
    assertPositive(j, "train_tokens_per_s", "peer_train_tokens_per_s", "peer_score_tokens_per_s", "peer_gen_ms_per_token",
        "ratio_train", "ratio_score", "ratio_gen");
    assertEquals(j.get("train_tokens_per_s").getAsDouble() / j.get("peer_train_tokens_per_s").getAsDouble(),
        j.get("ratio_train").getAsDouble(), 1e-9);
    assertEquals(j.get("score_tokens_per_s").getAsDouble() / j.get("peer_score_tokens_per_s").getAsDouble(),
        j.get("ratio_score").getAsDouble(), 1e-9);
    assertEquals(j.get("peer_gen_ms_per_token").getAsDouble() / j.get("gen_ms_per_token").getAsDouble(),
        j.get("ratio_gen").getAsDouble(), 1e-9);
    assertTrue(r.err().contains("torch: "), "the peer's progress is passed on: " + r.err());
  }
}
