package io.recur.core.optim;

import io.recur.core.InvalidInputException;
import io.recur.core.model.ParameterSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

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

  /**
   * The values to restore into {@code optimizer}'s slots, in its slot order: present, or empty for a
   * slot this state never wrote (zeros — allowed only before the first update). Checks every
   * present slot with {@code check} (the model's compatibility check).
   *
   * @throws InvalidInputException if this is another optimizer's state, or a slot is missing after updates
   */
  public Map<String, Optional<ParameterSet>> slotsFor(Optimizer target, BiConsumer<ParameterSet, String> check) {
    if (!optimizer.equals(target.name())) {
      throw new InvalidInputException("the optimizer state is " + optimizer + "'s but this run uses "
          + target.name() + "; pass --optimizer " + optimizer + " to continue it");
    }
    Map<String, Optional<ParameterSet>> out = new LinkedHashMap<>();
    for (String slot : target.slots()) {
      ParameterSet values = slots.get(slot);
      if (values == null && step > 0) {
        throw new InvalidInputException("the " + optimizer + " state after " + step
            + " steps lacks its slot '" + slot + "'; the checkpoint is incomplete");
      }
      if (values != null) {
        check.accept(values, "optimizer slot '" + slot + "'");
      }
      out.put(slot, Optional.ofNullable(values));
    }
    return out;
  }
}
