package io.recur.core.optim;

import io.recur.core.model.ParameterSet;
import java.util.Map;

/**
 * An optimizer's state: how many updates it has made and its slots, each a {@link ParameterSet}
 * with the model's keys and shapes (Adam: {@code m} and {@code v}; SGD: none).
 */
public record OptimizerState(String optimizer, long step, Map<String, ParameterSet> slots) {
  public OptimizerState {
    slots = Map.copyOf(slots);
  }

  public static OptimizerState fresh(String optimizer) {
    return new OptimizerState(optimizer, 0, Map.of());
  }
}
