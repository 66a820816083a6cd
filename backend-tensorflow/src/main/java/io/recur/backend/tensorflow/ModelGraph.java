package io.recur.backend.tensorflow;

import io.recur.core.model.SequenceModel;
import io.recur.core.model.ParamKey;
import io.recur.core.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * One model's TensorFlow graph and the session that runs it. Parameters are placeholders shared
 * by every part of the graph, fed on each run from tensors the caller holds. The parts for each
 * shape class — a forward pass of T steps (any batch size), a training step of T steps, the
 * update — are added on first use and kept: the graph only grows, and each run executes the part
 * its fetches need. Building is serialised; running is thread-safe, as TensorFlow sessions are.
 */
final class ModelGraph implements AutoCloseable {
  private final SequenceModel model;
  private final Graph graph = new Graph();
  private final Ops tf = Ops.create(graph);
  private final Session session;
  private final Map<ParamKey, Placeholder<TFloat32>> params = new LinkedHashMap<>();
  private final Map<Integer, Pass> forwards = new ConcurrentHashMap<>();

  ModelGraph(SequenceModel model, Placement placement, int threads) {
    this.model = model;
    Ops scope = tf.withSubScope("params");
    model.parameters().forEach((key, spec) ->
        params.put(key, scope.withName(opName(key.toString())).placeholder(TFloat32.class,
            Placeholder.shape(Tensors.shape(spec.shape())))));
    this.session = TfRuntime.get().session(graph, placement, threads);
  }

  /** {@code name} with every character TensorFlow does not allow in an op name replaced by {@code _}. */
  static String opName(String name) {
    String s = name.replaceAll("[^A-Za-z0-9_.\\-]", "_");
    return s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0)) ? "p" + s : s;
  }

  SequenceModel model() {
    return model;
  }

  Map<ParamKey, Placeholder<TFloat32>> params() {
    return Collections.unmodifiableMap(params);
  }

  /** The parameters as the model's tensors. */
  Function<ParamKey, Tensor> paramTensors() {
    return k -> new TfTensor(params.get(k));
  }

  /** Adds nodes to the graph, one builder at a time. */
  synchronized <T> T build(Function<Ops, T> builder) {
    return builder.apply(tf);
  }

  /** The inference/evaluation pass over {@code steps} steps, built on first use. */
  Pass forward(int steps) {
    return cached(forwards, steps, () -> build(t -> Pass.build(t.withSubScope("forward" + steps), this, steps, null)));
  }

  /** {@code cache.get(key)}, building and storing it first if absent (at most once per key). */
  <T> T cached(Map<Integer, T> cache, int key, Supplier<T> builder) {
    T v = cache.get(key);
    if (v == null) {
      synchronized (this) {
        v = cache.get(key);
        if (v == null) {
          v = builder.get();
          cache.put(key, v);
        }
      }
    }
    return v;
  }

  /** A runner with every parameter fed from {@code values}. */
  Session.Runner runner(Held<ParamKey> values) {
    Session.Runner r = session.runner();
    params.forEach((k, p) -> r.feed(p, values.get(k)));
    return r;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
