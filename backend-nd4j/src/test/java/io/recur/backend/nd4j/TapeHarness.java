package io.recur.backend.nd4j;

import io.recur.core.config.FusedMode;
import io.recur.core.tensor.DType;
import io.recur.core.testing.GradientCheck;
import io.recur.core.util.Rng;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a scalar function of named float64 arrays on {@link Nd4jOps}: once on a tape for the
 * analytic gradients, and without a tape for the loss at perturbed values, so that
 * {@link GradientCheck} can compare the two.
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

  Map<String, double[]> values() {
    return values;
  }

  /** The loss without a tape at {@code at}. */
  double lossAt(Map<String, double[]> at) {
    try (Arena arena = new Arena()) {
      Nd4jOps ops = new Nd4jOps(DType.FLOAT64, null, arena, new Rng(dropoutSeed), new Recurrence(FusedMode.OFF));
      return loss.apply(context(ops, at, new LinkedHashMap<>())).value().getDouble(0);
    }
  }

  /** The analytic gradient of every named array (zeros where none flowed). */
  Map<String, double[]> gradients() {
    try (Arena arena = new Arena()) {
      Tape tape = new Tape(arena);
      Nd4jOps ops = new Nd4jOps(DType.FLOAT64, tape, arena, new Rng(dropoutSeed), new Recurrence(FusedMode.OFF));
      Map<String, Nd4jTensor> made = new LinkedHashMap<>();
      Nd4jTensor l = loss.apply(context(ops, values, made));
      tape.backward(l, Nd4j.scalar(DataType.DOUBLE, 1.0));
      Map<String, double[]> out = new LinkedHashMap<>();
      values.forEach((name, v) -> {
        INDArray g = made.containsKey(name) ? tape.gradient(made.get(name)) : null;
        out.put(name, g == null ? new double[v.length] : g.dup('c').data().asDouble());
      });
      return out;
    }
  }

  GradientCheck.Report check(double tolerance) {
    return GradientCheck.defaults().assertWithin(tolerance, values, gradients(), this::lossAt);
  }

  private Context context(Nd4jOps ops, Map<String, double[]> at, Map<String, Nd4jTensor> made) {
    return new Context() {
      @Override
      public Nd4jOps ops() {
        return ops;
      }

      @Override
      public Nd4jTensor param(String name) {
        return made.computeIfAbsent(name, n -> {
          if (!at.containsKey(n)) {
            throw new IllegalArgumentException("no array named " + n + "; have " + at.keySet());
          }
          return ops.variable(Nd4j.create(at.get(n).clone(), shapes.get(n), DataType.DOUBLE));
        });
      }
    };
  }
}
