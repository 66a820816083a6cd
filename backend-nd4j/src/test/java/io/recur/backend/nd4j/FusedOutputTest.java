package io.recur.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.config.FusedMode;
import io.recur.core.tensor.DType;
import io.recur.core.tensor.Tensor;
import io.recur.core.util.Rng;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Nd4jOps#projectedCrossEntropy} through the fused kernel equals the generic ops on the
 * tape in float32: the loss and every gradient within 1e-5 relative, with the output weight also
 * used as the embedding table (tied: the table's gradient is the sum of both uses, one of them
 * row-sparse), with gradients accumulating into parameter sinks, with a scaled loss (the incoming
 * gradient is not 1), and without a tape (the loss alone).
 */
class FusedOutputTest {
  private static final int T = 6;
  private static final int B = 3;
  private static final int H = 8;
  private static final int V = 29;

  /** Named float32 inputs of one loss evaluation. */
  private static Map<String, INDArray> inputs() {
    Rng rng = new Rng(17);
    Map<String, INDArray> m = new LinkedHashMap<>();
    m.put("W", random(rng, 0.7, V, H));
    m.put("b", random(rng, 0.3, V));
    m.put("U", random(rng, 0.5, H, H));
    return m;
  }

  private static INDArray random(Rng rng, double scale, long... shape) {
    INDArray a = Nd4j.zeros(DataType.FLOAT, shape);
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, (2 * rng.nextDouble() - 1) * scale);
    }
    return a;
  }

  private static int[][] tokens(long seed) {
    Rng rng = new Rng(seed);
    int[][] t = new int[B][T];
    for (int[] row : t) {
      for (int s = 0; s < T; s++) {
        row[s] = rng.nextInt(V);
      }
    }
    return t;
  }

  /** Loss and gradients: h = tanh(embedding(W or E, x)·Uᵀ), loss = factor · CE(h·Wᵀ + b, y). */
  private static Map<String, float[]> run(FusedMode mode, boolean tied, boolean sinks, double factor) {
    Map<String, INDArray> in = inputs();
    in.put("E", in.get("W").dup());
    Map<String, float[]> out = new LinkedHashMap<>();
    try (Arena arena = new Arena()) {
      Tape tape = new Tape(arena);
      Nd4jOps ops = new Nd4jOps(DType.FLOAT32, tape, arena, new Rng(0), new Recurrence(mode));
      Map<String, Nd4jTensor> vars = new LinkedHashMap<>();
      Map<String, ParamGradient> grads = new LinkedHashMap<>();
      in.forEach((name, value) -> {
        if (sinks) {
          ParamGradient g = new ParamGradient(value.shape());
          g.clear();
          grads.put(name, g);
          vars.put(name, ops.variable(value, g));
        } else {
          vars.put(name, ops.variable(value));
        }
      });
      Tensor x = ops.embedding(vars.get(tied ? "W" : "E"), ops.tokens(tokens(1)));
      Tensor h = ops.tanh(ops.linear(x, vars.get("U")));
      Tensor loss = ops.projectedCrossEntropy(h, vars.get("W"), vars.get("b"), ops.tokens(tokens(2)));
      Nd4jTensor root = Nd4jOps.t(factor == 1 ? loss : ops.scale(loss, factor));
      out.put("loss", new float[] {root.value().getFloat(0)});
      tape.backward(root, Nd4j.scalar(DataType.FLOAT, 1f));
      vars.forEach((name, v) -> {
        INDArray g = tape.gradient(v);
        out.put(name, g == null ? new float[(int) v.value().length()] : g.dup('c').data().asFloat());
      });
      grads.values().forEach(ParamGradient::close);
    }
    return out;
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

  @ParameterizedTest(name = "tied={0} sinks={1} factor={2}")
  @CsvSource({"false, false, 1", "true, false, 1", "false, true, 1", "true, true, 1", "true, true, 2.5"})
  void fusedEqualsGenericOnTheTape(boolean tied, boolean sinks, double factor) {
    Map<String, float[]> fused = run(FusedMode.ON, tied, sinks, factor);
    Map<String, float[]> generic = run(FusedMode.OFF, tied, sinks, factor);
    generic.forEach((name, expected) -> {
      double r = relative(fused.get(name), expected);
      assertTrue(r <= 1e-5, name + " differs by " + r + " (relative)");
    });
    assertEquals(tied, relative(generic.get("E"), new float[V * H]) == 0, "E gets a gradient exactly when it is used");
  }

  @ParameterizedTest(name = "fused {0}")
  @CsvSource({"ON", "OFF"})
  void withoutATapeOnlyTheLossIsComputed(FusedMode mode) {
    Map<String, INDArray> in = inputs();
    try (Arena arena = new Arena()) {
      Nd4jOps ops = new Nd4jOps(DType.FLOAT32, null, arena, null, new Recurrence(mode));
      Tensor h = ops.tanh(ops.linear(ops.embedding(ops.constant(in.get("W")), ops.tokens(tokens(1))), ops.constant(in.get("U"))));
      Nd4jTensor loss = Nd4jOps.t(ops.projectedCrossEntropy(h, ops.constant(in.get("W")), ops.constant(in.get("b")), ops.tokens(tokens(2))));
      assertFalse(loss.tracked());
      assertEquals(run(FusedMode.OFF, true, false, 1).get("loss")[0], loss.value().getFloat(0), 1e-5);
    }
  }
}
