package io.recur.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.backend.nd4j.fused.FusedKernels;
import io.recur.core.backend.Logits;
import io.recur.core.cell.CellRegistry;
import io.recur.core.config.FusedMode;
import io.recur.core.model.FloatArray;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.ops.Initializers;
import io.recur.core.optim.Optimizer;
import io.recur.core.sequence.Batch;
import io.recur.core.util.Rng;
import io.recur.data.partition.SequentialPartitioner;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fused kernel — the cells' and the vocabulary-wide output's — equals the generic path on
 * the same weights, inside whole models: the loss and every parameter's gradient over consecutive
 * minibatches (state carried), for each built-in cell, one-hot and embedding input, one and two
 * layers, output weight tied to the embedding or not, on one thread and on a team of two; and the
 * inference logits. Relative error of an array: max|fused − generic| / max|generic|. The
 * two-thread cases are large enough (T·B·gates·H·(H+I) ≥ 4M multiply-adds) for a pass to divide
 * its hidden units between the threads; smaller passes run on one.
 */
class FusedParityTest {
  private static final int V = 11;
  private static final double TOLERANCE = 1e-5;

  static Stream<Arguments> models() {
    List<Arguments> out = new ArrayList<>();
    for (String cell : List.of("rnn", "rnn-relu", "lstm", "gru")) {
      for (int embed : new int[] {0, 5}) {
        for (int layers : new int[] {1, 2}) {
          out.add(Arguments.of(cell, embed, layers, 1, 16, 4, 9, false));
        }
      }
      out.add(Arguments.of(cell, 16, 1, 1, 16, 4, 9, true));
      out.add(Arguments.of(cell, 16, 2, 1, 16, 4, 9, true));
      out.add(Arguments.of(cell, 0, 1, 2, 160, 8, 24, false));
      out.add(Arguments.of(cell, 5, 2, 2, 160, 8, 24, false));
      out.add(Arguments.of(cell, 160, 2, 2, 160, 8, 24, true));
    }
    return out.stream();
  }

  @AfterAll
  static void oneThreadAgain() {
    FusedKernels.setThreads(1);
  }

  private static double relative(float[] actual, float[] expected) {
    double diff = 0;
    double scale = 1e-30;
    for (int i = 0; i < expected.length; i++) {
      diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
      scale = Math.max(scale, Math.abs(expected[i]));
    }
    return diff / scale;
  }

  @ParameterizedTest(name = "{0}, embed {1}, {2} layer(s), {3} thread(s), H {4}, B {5}, T {6}, tied {7}")
  @MethodSource("models")
  void fusedEqualsGeneric(String cell, int embed, int layers, int threads, int hidden, int batch, int steps, boolean tied) {
    ModelSpec spec = ModelSpec.builder().cell(cell).vocabSize(V).embed(embed).hidden(hidden).layers(layers).tied(tied).build();
    LanguageModel model = new LanguageModel(spec, CellRegistry.withBuiltIns());
    ParameterSet init = model.initialize(Initializers.Scheme.XAVIER, 13);
    List<Batch> batches = SequentialPartitioner.evaluation().epoch(TestCorpus.walk(7 * batch * steps + 1, V, 5), batch, steps, new Rng(0));
    Nd4jRuntime.start(new ThreadPolicy(threads));
    assertEquals(threads, FusedKernels.threads());
    try (Nd4jTrainingSession fused = new Nd4jTrainingSession(model, init, Optimizer.named("sgd"), new Recurrence(FusedMode.ON));
        Nd4jTrainingSession generic = new Nd4jTrainingSession(model, init, Optimizer.named("sgd"), new Recurrence(FusedMode.OFF))) {
      for (Batch b : batches.subList(0, 3)) {
        double lf = fused.computeGradients(b, 0).sum();
        double lg = generic.computeGradients(b, 0).sum();
        assertEquals(lg, lf, Math.abs(lg) * TOLERANCE, "loss");
        ParameterSet gf = fused.gradients();
        for (ParamKey k : generic.gradients().keys()) {
          double r = relative(gf.get(k).data(), generic.gradients().get(k).data());
          assertTrue(r <= TOLERANCE, k + " gradient differs by " + r + " (relative)");
        }
        fused.applyUpdate(0.5, 1);
        generic.applyUpdate(0.5, 1);
      }
      ParameterSet trained = generic.parameters();
      try (Nd4jInferenceModel f = new Nd4jInferenceModel(model, trained, new Recurrence(FusedMode.ON));
          Nd4jInferenceModel g = new Nd4jInferenceModel(model, trained, new Recurrence(FusedMode.OFF));
          var fs = f.newSession(batch);
          var gs = g.newSession(batch)) {
        for (Batch b : batches.subList(3, 5)) {
          Logits lf = fs.forward(b.inputs());
          Logits lg = gs.forward(b.inputs());
          double r = relative(lf.data(), lg.data());
          assertTrue(r <= TOLERANCE, "inference logits differ by " + r);
        }
        int[] next = batches.get(5).inputs()[0];
        Logits one = fs.step(java.util.Arrays.copyOf(next, batch));
        Logits ref = gs.step(java.util.Arrays.copyOf(next, batch));
        assertTrue(relative(one.data(), ref.data()) <= TOLERANCE, "single-step logits");
      }
      for (ParamKey k : trained.keys()) {
        FloatArray a = fused.parameters().get(k);
        assertTrue(relative(a.data(), trained.get(k).data()) <= 1e-4, k + " after three updates");
      }
    }
  }
}
