package io.recur.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.backend.nd4j.fused.FusedKernels;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import io.recur.core.cell.CellRegistry;
import io.recur.core.config.FusedMode;
import io.recur.core.inference.Decoding;
import io.recur.core.inference.Generator;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.ops.Initializers;
import io.recur.core.testing.ReferenceModel;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inference calls of a few rows run through the model's {@code StepModel} (weights laid out once,
 * state advanced in place): logits within 1e-5 relative of the float64 reference over a prefix and
 * single steps and of the generic path on the same weights (also after reorder and reset), and greedy generation identical token for token — every built-in cell, one-hot and
 * embedding input, one and two layers.
 */
class StepModelParityTest {
  private static final int V = 23;
  private static final double TOLERANCE = 1e-5;

  static Stream<Arguments> models() {
    List<Arguments> out = new ArrayList<>();
    for (String cell : List.of("rnn", "rnn-relu", "lstm", "gru")) {
      for (int embed : new int[] {0, 6}) {
        for (int layers : new int[] {1, 2}) {
          out.add(Arguments.of(cell, embed, layers));
        }
      }
    }
    return out.stream();
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  private static void assertClose(float[] actual, double[] expected, double tolerance, String what) {
    double diff = 0;
    double scale = 1e-30;
    for (int i = 0; i < expected.length; i++) {
      diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
      scale = Math.max(scale, Math.abs(expected[i]));
    }
    assertTrue(diff / scale <= tolerance, what + ": logits differ by " + diff / scale + " (relative)");
  }

  @ParameterizedTest(name = "{0}, embed {1}, {2} layer(s)")
  @MethodSource("models")
  void stepModelEqualsTheGenericPath(String cell, int embed, int layers) {
    ModelSpec spec = ModelSpec.builder().cell(cell).vocabSize(V).embed(embed).hidden(12).layers(layers).build();
    LanguageModel model = new LanguageModel(spec, CellRegistry.withBuiltIns());
    ParameterSet params = model.initialize(Initializers.Scheme.XAVIER, 31);
    Nd4jRuntime.start(new ThreadPolicy(1));
    try (Nd4jInferenceModel lean = new Nd4jInferenceModel(model, params, new Recurrence(FusedMode.AUTO));
        Nd4jInferenceModel generic = new Nd4jInferenceModel(model, params, new Recurrence(FusedMode.OFF));
        InferenceSession a = lean.newSession(3);
        InferenceSession b = generic.newSession(3)) {
      assertTrue(lean.stepModel().isPresent() && lean.stepModel().get().suits(3, 7) && FusedKernels.threads() == 1);
      Rng rng = new Rng(3);
      int[][] prefix = new int[3][7];
      for (int[] row : prefix) {
        for (int t = 0; t < row.length; t++) {
          row[t] = rng.nextInt(V);
        }
      }
      ReferenceModel reference = new ReferenceModel(spec, params);
      assertClose(a.forward(prefix).data(), reference.forward(prefix), TOLERANCE, "prefix");
      b.forward(prefix);
      for (int s = 0; s < 5; s++) {
        int[] next = {rng.nextInt(V), rng.nextInt(V), rng.nextInt(V)};
        Logits la = a.step(next);
        assertClose(la.data(), reference.forward(new int[][] {{next[0]}, {next[1]}, {next[2]}}), TOLERANCE, "step " + s);
        assertClose(la.data(), toDouble(b.step(next).data()), TOLERANCE, "step " + s + " against the generic path");
      }
      a.reorder(new int[] {2, 0});
      b.reorder(new int[] {2, 0});
      assertClose(a.step(new int[] {1, 4}).data(), toDouble(b.step(new int[] {1, 4}).data()), TOLERANCE, "after reorder");
      a.reset();
      b.reset();
      int[][] again = {{5, 6}, {7, 8}};
      assertClose(a.forward(again).data(), toDouble(b.forward(again).data()), TOLERANCE, "after reset");
      int[] start = {1, 2, 3, 4};
      assertArrayEquals(new Generator(generic).generate(start, 40, Decoding.greedy(), 0).tokens(),
          new Generator(lean).generate(start, 40, Decoding.greedy(), 0).tokens(), "greedy generation");
    }
  }
}
