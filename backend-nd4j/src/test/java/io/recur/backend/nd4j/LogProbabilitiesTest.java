package io.recur.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.recur.backend.nd4j.fused.FusedKernels;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import io.recur.core.cell.CellRegistry;
import io.recur.core.config.FusedMode;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.ops.Initializers;
import io.recur.core.util.Rng;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code logProbabilities} on ND4J (the network, then the fused output kernel forward-only: no
 * logits) equals the log-softmax of the generic path's logits at every target, over consecutive
 * calls (state carried), through the {@code StepModel} (few rows) and through the team-parallel
 * passes (two threads, many rows), tied or not.
 */
class LogProbabilitiesTest {
  private static final int V = 57;

  @AfterAll
  static void oneThreadAgain() {
    FusedKernels.setThreads(1);
  }

  private static int[][] tokens(Rng rng, int rows, int steps) {
    int[][] t = new int[rows][steps];
    for (int[] row : t) {
      for (int s = 0; s < steps; s++) {
        row[s] = rng.nextInt(V);
      }
    }
    return t;
  }

  @ParameterizedTest(name = "{0}, embed {1}, hidden {2}, tied {3}, {4} thread(s), B {5}, T {6}")
  @CsvSource({"lstm, 8, 12, false, 1, 3, 5", "gru, 0, 12, false, 1, 2, 4", "lstm, 12, 12, true, 1, 3, 5",
      "lstm, 160, 160, true, 2, 8, 24", "rnn, 0, 160, false, 2, 8, 24"})
  void equalTheGenericLogSoftmax(String cell, int embed, int hidden, boolean tied, int threads, int batch, int steps) {
    ModelSpec spec = ModelSpec.builder().cell(cell).vocabSize(V).embed(embed).hidden(hidden).tied(tied).build();
    LanguageModel model = new LanguageModel(spec, CellRegistry.withBuiltIns());
    ParameterSet params = model.initialize(Initializers.Scheme.XAVIER, 5);
    Nd4jRuntime.start(new ThreadPolicy(threads));
    Rng rng = new Rng(9);
    try (Nd4jInferenceModel fused = new Nd4jInferenceModel(model, params, new Recurrence(FusedMode.AUTO));
        Nd4jInferenceModel generic = new Nd4jInferenceModel(model, params, new Recurrence(FusedMode.OFF));
        InferenceSession a = fused.newSession(batch);
        InferenceSession b = generic.newSession(batch)) {
      assertEquals(threads == 1, fused.stepModel().orElseThrow().suits(batch, steps), "which path runs");
      for (int call = 0; call < 3; call++) {
        int[][] inputs = tokens(rng, batch, steps - call);
        int[][] targets = tokens(rng, batch, steps - call);
        double[] lp = a.logProbabilities(inputs, targets);
        Logits logits = b.forward(inputs);
        for (int t = 0; t < logits.steps(); t++) {
          for (int r = 0; r < batch; r++) {
            double expected = logits.logProbability(t, r, targets[r][t]);
            assertEquals(expected, lp[t * batch + r], 1e-5 * Math.max(1, Math.abs(expected)), "call " + call + " t " + t + " row " + r);
          }
        }
      }
    }
  }
}
