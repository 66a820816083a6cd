package io.recur.backend.tensorflow;

import io.recur.core.tensor.Tensor;
import io.recur.core.check.GradientCheck;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * A scalar function of named float64 arrays built once as a TensorFlow graph on {@link TfOps},
 * with its gradient from {@code Graph.addGradients}; {@link GradientCheck} compares that gradient
 * with central differences of the same graph run at perturbed values.
 */
final class GraphHarness implements AutoCloseable {
  /** What a loss function sees: the ops and each named array as a placeholder. */
  interface Context {
    TfOps ops();

    Tensor param(String name);
  }

  private final Map<String, long[]> shapes = new LinkedHashMap<>();
  private final Map<String, double[]> values = new LinkedHashMap<>();
  private final Function<Context, Tensor> loss;
  private final long dropoutSeed;
  private final Graphs graphs = new Graphs();
  private final Map<String, Placeholder<TFloat64>> inputs = new LinkedHashMap<>();
  private Operand<?> lossOut;
  private Output<?>[] gradOut;
  private Session session;

  GraphHarness(Function<Context, Tensor> loss, long dropoutSeed) {
    this.loss = loss;
    this.dropoutSeed = dropoutSeed;
  }

  /** Adds a named array with values uniform in ±scale. */
  GraphHarness random(String name, Rng rng, double scale, long... shape) {
    double[] v = new double[Math.toIntExact(Shape.of(shape).size())];
    for (int i = 0; i < v.length; i++) {
      v[i] = (2 * rng.nextDouble() - 1) * scale;
    }
    shapes.put(name, shape);
    values.put(name, v);
    return this;
  }

  GradientCheck.Report check(double tolerance) {
    build();
    return GradientCheck.defaults().assertWithin(tolerance, values, gradients(), this::lossAt);
  }

  private void build() {
    Ops tf = graphs.ops();
    TfOps ops = new TfOps(tf, TFloat64.class, tf.constant(new long[] {dropoutSeed, 0}));
    shapes.forEach((name, shape) -> inputs.put(name,
        tf.withName(ModelGraph.opName(name)).placeholder(TFloat64.class, Placeholder.shape(Shape.of(shape)))));
    Tensor l = loss.apply(new Context() {
      @Override
      public TfOps ops() {
        return ops;
      }

      @Override
      public Tensor param(String name) {
        Placeholder<TFloat64> p = inputs.get(name);
        if (p == null) {
          throw new IllegalArgumentException("no array named " + name + "; have " + inputs.keySet());
        }
        return new TfTensor(p);
      }
    });
    lossOut = TfTensor.t(l).operand();
    gradOut = graphs.graph().addGradients(lossOut.asOutput(), inputs.values().stream().map(Operand::asOutput).toArray(Output<?>[]::new));
    session = new Session(graphs.graph());
  }

  private Session.Runner fed(Map<String, double[]> at, List<TFloat64> made) {
    Session.Runner r = session.runner();
    inputs.forEach((name, p) -> {
      TFloat64 t = TFloat64.tensorOf(Shape.of(shapes.get(name)), DataBuffers.of(at.get(name).clone()));
      made.add(t);
      r.feed(p, t);
    });
    return r;
  }

  double lossAt(Map<String, double[]> at) {
    List<TFloat64> made = new ArrayList<>();
    try (Result r = fed(at, made).fetch(lossOut).run()) {
      return ((TFloat64) r.get(0)).getDouble();
    } finally {
      made.forEach(TFloat64::close);
    }
  }

  private Map<String, double[]> gradients() {
    List<TFloat64> made = new ArrayList<>();
    Session.Runner r = fed(values, made);
    for (Output<?> g : gradOut) {
      r.fetch(g);
    }
    try (Result result = r.run()) {
      Map<String, double[]> out = new LinkedHashMap<>();
      int i = 0;
      for (String name : inputs.keySet()) {
        double[] g = new double[values.get(name).length];
        ((TFloat64) result.get(i++)).copyTo(DataBuffers.of(g, false, false));
        out.put(name, g);
      }
      return out;
    } finally {
      made.forEach(TFloat64::close);
    }
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    graphs.close();
  }
}
