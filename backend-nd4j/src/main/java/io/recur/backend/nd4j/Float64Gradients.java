package io.recur.backend.nd4j;

import io.recur.core.config.FusedMode;
import io.recur.core.layer.LayerOps;
import io.recur.core.tensor.DType;
import io.recur.core.tensor.Tensor;
import io.recur.core.util.Rng;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A scalar loss of named arrays run on this backend's ops in float64: with the gradient tape for
 * the analytic gradient of every array, and without it for the loss at given values — the two
 * halves of a gradient check ({@link io.recur.core.check.GradientCheck}), for this backend's tests
 * and for the cell test kit. Cells run the generic unrolled path, never a fused kernel.
 */
public final class Float64Gradients {
  /** What a loss sees: float64 ops, each named array as a tensor whose gradient is wanted, and token ids. */
  public interface Context {
    LayerOps ops();

    /** The named array, tracked by the tape. */
    Tensor array(String name);

    /** Token ids {@code tokens[b][t]} as a time-major {@code [T, B]} constant. */
    Tensor tokens(int[][] tokens);
  }

  /** A scalar function of the named arrays. */
  @FunctionalInterface
  public interface Loss {
    Tensor apply(Context context);
  }

  private final Loss loss;
  private final Map<String, long[]> shapes;
  private final long dropoutSeed;

  /**
   * @param shapes the shape of each named array
   * @param dropoutSeed the seed dropout masks are drawn from, the same on every evaluation
   */
  public Float64Gradients(Loss loss, Map<String, long[]> shapes, long dropoutSeed) {
    this.loss = loss;
    this.shapes = Map.copyOf(shapes);
    this.dropoutSeed = dropoutSeed;
  }

  /** The loss at {@code values} (one array per name), without a tape. */
  public double loss(Map<String, double[]> values) {
    try (Arena arena = new Arena()) {
      Nd4jOps ops = new Nd4jOps(DType.FLOAT64, null, arena, new Rng(dropoutSeed), new Recurrence(FusedMode.OFF));
      return Nd4jOps.t(loss.apply(context(ops, values, new LinkedHashMap<>()))).value().getDouble(0);
    }
  }

  /** The gradient of the loss at {@code values} with respect to every named array (zeros where none flows). */
  public Map<String, double[]> gradients(Map<String, double[]> values) {
    try (Arena arena = new Arena()) {
      Tape tape = new Tape(arena);
      Nd4jOps ops = new Nd4jOps(DType.FLOAT64, tape, arena, new Rng(dropoutSeed), new Recurrence(FusedMode.OFF));
      Map<String, Nd4jTensor> made = new LinkedHashMap<>();
      Nd4jTensor l = Nd4jOps.t(loss.apply(context(ops, values, made)));
      tape.backward(l, Nd4j.scalar(DataType.DOUBLE, 1.0));
      Map<String, double[]> out = new LinkedHashMap<>();
      values.forEach((name, v) -> {
        INDArray g = made.containsKey(name) ? tape.gradient(made.get(name)) : null;
        out.put(name, g == null ? new double[v.length] : g.dup('c').data().asDouble());
      });
      return out;
    }
  }

  private Context context(Nd4jOps ops, Map<String, double[]> at, Map<String, Nd4jTensor> made) {
    return new Context() {
      @Override
      public LayerOps ops() {
        return ops;
      }

      @Override
      public Tensor array(String name) {
        return made.computeIfAbsent(name, n -> {
          if (!at.containsKey(n) || !shapes.containsKey(n)) {
            throw new IllegalArgumentException("no array named " + n + "; have " + shapes.keySet());
          }
          return ops.variable(Nd4j.create(at.get(n).clone(), shapes.get(n), DataType.DOUBLE));
        });
      }

      @Override
      public Tensor tokens(int[][] tokens) {
        return ops.tokens(tokens);
      }
    };
  }
}
