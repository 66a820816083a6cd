package io.recur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.recur.core.checkpoint.CheckpointStore;
import io.recur.core.inference.Scorer;
import io.recur.core.sequence.Batch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recur eval} on checkpoints trained by {@code recur train}. */
class EvalCommandTest {
  private static JsonObject eval(TrainedModels.Trained m, String... args) {
    CliRun r = CliRun.of(Stream.concat(Stream.of("eval", "--model", m.checkpoint().toString(), "--corpus", m.corpus().toString(),
        "--json"), Stream.of(args)).toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    return r.json();
  }

  @Test
  void withDropLastEvalReproducesTheValidationPerplexityTrainReported() {
    for (TrainedModels.Trained m : List.of(TrainedModels.chars(), TrainedModels.words())) {
      double trained = m.report().get("val_ppl").getAsDouble();
      JsonObject j = eval(m, "--val-fraction", "0.1", "--batch", "4", "--steps", "8", "--drop-last");
      assertEquals(trained, j.get("ppl").getAsDouble(), trained * 1e-6, j.toString());
    }
  }

  @Test
  void withoutDropLastEveryTargetOfTheRowsIsScoredIncludingEachRowsShortLastWindow() {
    TrainedModels.Trained m = TrainedModels.chars();
    JsonObject all = eval(m, "--val-fraction", "0.1", "--batch", "4", "--steps", "8");
    JsonObject dropped = eval(m, "--val-fraction", "0.1", "--batch", "4", "--steps", "8", "--drop-last");
    int n = all.get("stream_tokens").getAsInt();
    int columns = (n - 1) / 4;
    assertEquals(4 * columns, all.get("tokens").getAsInt());
    assertEquals(4 * 8 * (columns / 8), dropped.get("tokens").getAsInt());
    assertNotEquals(0, columns % 8, "this stream has short last windows, so the two readings differ");
    assertNotEquals(all.get("ppl").getAsDouble(), dropped.get("ppl").getAsDouble());
  }

  @Test
  void theJsonHasBackendTokensAndPerplexityAndTheTextSpecComesFromTheModel() throws IOException {
    JsonObject j = eval(TrainedModels.words(), "--batch", "1", "--steps", "35");
    for (String field : List.of("backend", "tokens", "ppl", "cross_entropy", "unknown", "stream_tokens")) {
      assertTrue(j.has(field), field + " in " + j);
    }
    assertEquals("nd4j", j.get("backend").getAsString());
    assertEquals(0, j.get("unknown").getAsInt(), "the training text has no word the model lacks");
    assertEquals(j.get("stream_tokens").getAsInt() - 1, j.get("tokens").getAsInt(), "one row scores every token after the first");
    double ppl = j.get("ppl").getAsDouble();
    int vocab = CheckpointStore.read(TrainedModels.words().checkpoint()).text().vocab().size();
    assertTrue(ppl > 1 && ppl < vocab, ppl + " between a perfect model and the uniform one (" + vocab + ")");
    assertEquals(Math.log(ppl), j.get("cross_entropy").getAsDouble(), 1e-12);
  }

  @Test
  void aTextWithUnknownTokensIsScoredWithUnkAndOneWarning(@TempDir Path dir) throws IOException {
    String corpus = Files.readString(TrainedModels.words().corpus());
    String known = corpus.substring(0, corpus.indexOf(' ', 300));
    Path other = Files.writeString(dir.resolve("other.txt"), known + " Zzyzx.\nQwxz " + known);
    CliRun r = CliRun.of("eval", "--model", TrainedModels.words().checkpoint().toString(), "--corpus", other.toString(), "--json");
    assertEquals(0, r.exit(), r.err());
    assertEquals(2, r.json().get("unknown").getAsInt(), r.out());
    assertEquals(1, r.errLines().stream().filter(l -> l.contains("warning") && l.contains("'Zzyzx.'") && l.contains("'Qwxz'")).count(),
        r.err());
  }

  @Test
  void theEvaluationPartitionerCutsScorersWindowsWithoutTheirShortLastOnes() {
    // what --drop-last relies on, for every stream length over a few multiples of the window
    for (int n = 40; n < 140; n++) {
      int[] ids = IntStream.range(0, n).map(i -> (i * 7) % 11).toArray();
      List<Batch> training = EvalCommand.trainingWindows(ids, 4, 8);
      List<Batch> scorer = new Scorer(4, 8).windows(ids).stream().filter(b -> b.steps() == 8).toList();
      assertEquals(scorer.size(), training.size(), "n = " + n);
      for (int k = 0; k < training.size(); k++) {
        assertTrue(Arrays.deepEquals(scorer.get(k).inputs(), training.get(k).inputs()), "n = " + n);
        assertTrue(Arrays.deepEquals(scorer.get(k).targets(), training.get(k).targets()), "n = " + n);
        assertEquals(scorer.get(k).resetState(), training.get(k).resetState());
      }
    }
  }
}
