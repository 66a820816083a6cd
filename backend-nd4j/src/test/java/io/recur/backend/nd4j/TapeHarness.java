package io.recur.backend.nd4j;

import io.recur.core.check.GradientCheck;
import io.recur.core.util.Rng;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Named float64 arrays with random values and a loss of them on {@link Nd4jOps}, checked by
 * {@link GradientCheck} against {@link Float64Gradients}' tape.
 */
final class TapeHarness {
  /** What a loss function sees: the ops and each named array as a tracked tensor. */
  interface Context {
    Nd4jOps ops();

    Nd4jTensor param(String name);
  }

  private final Map<String, long[]> shapes = new LinkedHashMap<>();
  private final Map<String, double[]> values = new LinkedHashMap<>();
  private final Function<Context, Nd4jTensor> loss;
  private final long dropoutSeed;

  TapeHarness(Function<Context, Nd4jTensor> loss, long dropoutSeed) {
    this.loss = loss;
    this.dropoutSeed = dropoutSeed;
  }

  /** Adds a named array with values uniform in ±scale. */
  TapeHarness random(String name, Rng rng, double scale, long... shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    double[] v = new double[Math.toIntExact(n)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (2 * rng.nextDouble() - 1) * scale;
    }
    shapes.put(name, shape);
    values.put(name, v);
    return this;
  }

  GradientCheck.Report check(double tolerance) {
    Float64Gradients f = new Float64Gradients(c -> loss.apply(new Context() {
      @Override
      public Nd4jOps ops() {
        return (Nd4jOps) c.ops();
      }

      @Override
      public Nd4jTensor param(String name) {
        return (Nd4jTensor) c.array(name);
      }
    }), shapes, dropoutSeed);
    return GradientCheck.defaults().assertWithin(tolerance, values, f.gradients(values), f::loss);
  }
}
