package io.recur.backend.tensorflow;

import io.recur.core.model.ParamKey;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * The update on its own, for a caller that computes gradients, clips and applies in separate
 * calls: the gradients and their scale are fed instead of computed.
 */
record ApplyGraph(Map<ParamKey, Placeholder<TFloat32>> grads, Placeholder<TFloat64> scale, Update.Outputs updated) {
  static ApplyGraph build(Ops root, ModelGraph graph, Update update) {
    Ops tf = root.withSubScope("apply");
    Map<ParamKey, Placeholder<TFloat32>> grads = new LinkedHashMap<>();
    graph.params().forEach((k, p) -> grads.put(k, tf.withName(ModelGraph.opName("grad." + k))
        .placeholder(TFloat32.class, Placeholder.shape(p.shape()))));
    Placeholder<TFloat64> scale = tf.withName("scale").placeholder(TFloat64.class, Placeholder.shape(Shape.scalar()));
    return new ApplyGraph(grads, scale, update.apply(tf, graph, grads, scale));
  }
}
