package io.recur.backend.tensorflow;

import io.recur.core.model.ParamKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

/**
 * A training step over {@code T} time steps as one graph part: the forward pass with dropout, the
 * gradient of the loss for every parameter ({@code Graph.addGradients}), their global norm (summed
 * in double), and — for the whole step in one run — global-norm clipping
 * ({@code scale = clip / norm} when {@code clip > 0} and {@code norm > clip}, else 1) and the update.
 *
 * @param seed the dropout seed {@code [2]}
 * @param clip the clipping threshold (0 = none)
 * @param normSquared Σ g² over every gradient element
 */
record StepGraph(Pass pass, Placeholder<TInt64> seed, Map<ParamKey, Operand<TFloat32>> grads, Operand<TFloat64> normSquared,
    Placeholder<TFloat64> clip, Update.Outputs updated) {

  static StepGraph build(Ops root, ModelGraph graph, Update update, int steps) {
    Ops tf = root.withSubScope("train" + steps);
    Placeholder<TInt64> seed = tf.withName("seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
    Pass pass = Pass.build(tf, graph, steps, seed);
    List<ParamKey> keys = new ArrayList<>(graph.params().keySet());
    Output<?>[] x = keys.stream().map(k -> graph.params().get(k).asOutput()).toArray(Output<?>[]::new);
    Output<?>[] dx = ((Graph) tf.scope().env()).addGradients(tf.scope().makeOpName("gradients"),
        new Output<?>[] {pass.loss().asOutput()}, x, null);
    Map<ParamKey, Operand<TFloat32>> grads = new LinkedHashMap<>();
    List<Operand<TFloat64>> squares = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> g = (Operand<TFloat32>) dx[i];
      grads.put(keys.get(i), g);
      squares.add(tf.sum(tf.math.square(tf.dtypes.cast(g, TFloat64.class)), TfOps.allAxes(tf, graph.params().get(keys.get(i)).shape().numDimensions())));
    }
    Operand<TFloat64> normSquared = tf.math.addN(squares);
    Placeholder<TFloat64> clip = tf.withName("clip").placeholder(TFloat64.class, Placeholder.shape(Shape.scalar()));
    Operand<TFloat64> norm = tf.math.sqrt(normSquared);
    Operand<TFloat64> scale = tf.select(tf.math.logicalAnd(tf.math.greater(clip, tf.constant(0.0)), tf.math.greater(norm, clip)),
        tf.math.div(clip, norm), tf.constant(1.0));
    return new StepGraph(pass, seed, grads, normSquared, clip, update.apply(tf, graph, grads, scale));
  }

}
