package io.recur.spark;

import io.recur.core.model.FloatArray;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.optim.OptimizerState;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A model's parameters and optimizer state as plain arrays, the form in which they travel between
 * the driver and the executors (Java serialization of {@code float[]} is a bulk copy). Keys and
 * shapes are kept once; {@code params[i]} and {@code slots[s][i]} hold array {@code keys[i]}.
 */
final class ModelState implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String[] keys;
  private final int[][] shapes;
  private final float[][] params;
  private final String optimizer;
  private final long step;
  private final String[] slotNames;
  private final float[][][] slots;

  private ModelState(String[] keys, int[][] shapes, float[][] params, String optimizer, long step, String[] slotNames,
      float[][][] slots) {
    this.keys = keys;
    this.shapes = shapes;
    this.params = params;
    this.optimizer = optimizer;
    this.step = step;
    this.slotNames = slotNames;
    this.slots = slots;
  }

  /** Copies {@code params} and {@code state} (whose slots have the parameters' keys and shapes). */
  static ModelState of(ParameterSet params, OptimizerState state) {
    List<ParamKey> order = new ArrayList<>(params.keys());
    String[] keys = new String[order.size()];
    int[][] shapes = new int[order.size()][];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = order.get(i).toString();
      shapes[i] = params.get(order.get(i)).shape();
    }
    String[] slotNames = state.slots().keySet().toArray(String[]::new);
    float[][][] slots = new float[slotNames.length][][];
    for (int s = 0; s < slotNames.length; s++) {
      slots[s] = values(state.slots().get(slotNames[s]), order);
    }
    return new ModelState(keys, shapes, values(params, order), state.optimizer(), state.step(), slotNames, slots);
  }

  private static float[][] values(ParameterSet set, List<ParamKey> order) {
    float[][] out = new float[order.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = set.get(order.get(i)).data().clone();
    }
    return out;
  }

  /**
   * The element-wise mean of {@code states} (same keys, shapes, optimizer and step count), summed
   * in list order in double precision, so the same states always average to the same floats.
   */
  static ModelState average(List<ModelState> states) {
    ModelState first = states.get(0);
    for (ModelState s : states) {
      if (s.step != first.step || !s.optimizer.equals(first.optimizer) || s.keys.length != first.keys.length
          || s.slots.length != first.slots.length) {
        throw new IllegalStateException("workers returned different model states (steps " + first.step + " and " + s.step
            + "); they must train in lockstep");
      }
    }
    float[][] params = mean(states, s -> s.params);
    float[][][] slots = new float[first.slots.length][][];
    for (int k = 0; k < slots.length; k++) {
      int slot = k;
      slots[k] = mean(states, s -> s.slots[slot]);
    }
    return new ModelState(first.keys, first.shapes, params, first.optimizer, first.step, first.slotNames, slots);
  }

  private static float[][] mean(List<ModelState> states, Function<ModelState, float[][]> arrays) {
    int count = arrays.apply(states.get(0)).length;
    float[][] out = new float[count][];
    for (int i = 0; i < count; i++) {
      double[] sum = new double[arrays.apply(states.get(0))[i].length];
      for (ModelState s : states) {
        float[] a = arrays.apply(s)[i];
        for (int j = 0; j < sum.length; j++) {
          sum[j] += a[j];
        }
      }
      out[i] = new float[sum.length];
      for (int j = 0; j < sum.length; j++) {
        out[i][j] = (float) (sum[j] / states.size());
      }
    }
    return out;
  }

  ParameterSet parameters() {
    return set(params);
  }

  OptimizerState optimizerState() {
    Map<String, ParameterSet> m = new LinkedHashMap<>();
    for (int s = 0; s < slotNames.length; s++) {
      m.put(slotNames[s], set(slots[s]));
    }
    return new OptimizerState(optimizer, step, m);
  }

  /** Updates made so far (equal on every worker: each makes the same number per round). */
  long step() {
    return step;
  }

  private ParameterSet set(float[][] values) {
    Map<ParamKey, FloatArray> m = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      m.put(ParamKey.parse(keys[i]), new FloatArray(shapes[i], values[i].clone()));
    }
    return new ParameterSet(m);
  }
}
