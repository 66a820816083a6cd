package io.recur.backend.tensorflow;

import io.recur.core.model.ParamKey;
import io.recur.core.optim.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * The optimizer's side of a training graph: its slots as placeholders (fed from the session's
 * tensors, like the parameters), the per-step learning rate and bias corrections, and
 * {@link #apply}, which adds one update of every parameter to the graph.
 */
final class Update {
  private final UpdateRule rule;
  private final List<String> slotNames;
  private final Map<String, Map<ParamKey, Placeholder<TFloat32>>> slots = new LinkedHashMap<>();
  private final Placeholder<TFloat64> learningRate;
  private final Placeholder<TFloat32> corrections;

  /** New parameters and slots, as graph outputs. */
  record Outputs(Map<ParamKey, Operand<TFloat32>> params, Map<String, Map<ParamKey, Operand<TFloat32>>> slots) {}

  Update(Ops tf, ModelGraph graph, Optimizer optimizer) {
    this.rule = UpdateRule.of(optimizer);
    this.slotNames = List.copyOf(optimizer.slots());
    Ops scope = tf.withSubScope("optimizer");
    for (String slot : slotNames) {
      Map<ParamKey, Placeholder<TFloat32>> m = new LinkedHashMap<>();
      graph.params().forEach((k, p) -> m.put(k, scope.withName(ModelGraph.opName(slot + "." + k))
          .placeholder(TFloat32.class, Placeholder.shape(p.shape()))));
      slots.put(slot, m);
    }
    this.learningRate = scope.withName("learning_rate").placeholder(TFloat64.class, Placeholder.shape(Shape.scalar()));
    this.corrections = scope.withName("corrections").placeholder(TFloat32.class, Placeholder.shape(Shape.of(2)));
  }

  UpdateRule rule() {
    return rule;
  }

  List<String> slotNames() {
    return slotNames;
  }

  Map<ParamKey, Placeholder<TFloat32>> slot(String name) {
    return slots.get(name);
  }

  Placeholder<TFloat64> learningRate() {
    return learningRate;
  }

  Placeholder<TFloat32> corrections() {
    return corrections;
  }

  /** Every parameter updated from {@code grads}, each gradient multiplied by {@code scale} first. */
  Outputs apply(Ops tf, ModelGraph graph, Map<ParamKey, ? extends Operand<TFloat32>> grads, Operand<TFloat64> scale) {
    Map<ParamKey, Operand<TFloat32>> params = new LinkedHashMap<>();
    Map<String, Map<ParamKey, Operand<TFloat32>>> newSlots = new LinkedHashMap<>();
    slotNames.forEach(s -> newSlots.put(s, new LinkedHashMap<>()));
    graph.params().forEach((k, p) -> {
      List<Operand<TFloat32>> s = new ArrayList<>();
      slotNames.forEach(name -> s.add(slots.get(name).get(k)));
      List<Operand<TFloat32>> out = rule.apply(tf, p, grads.get(k), s, learningRate, scale, corrections);
      params.put(k, out.get(0));
      for (int i = 0; i < slotNames.size(); i++) {
        newSlots.get(slotNames.get(i)).put(k, out.get(i + 1));
      }
    });
    return new Outputs(params, newSlots);
  }
}
