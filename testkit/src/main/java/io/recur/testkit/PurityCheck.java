package io.recur.testkit;

import io.recur.core.cell.ParamSpec;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.cell.Step;
import io.recur.core.check.ReferenceOps;
import io.recur.core.tensor.Tensor;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code step} is a pure function: the same inputs give the same output and state, bit for bit —
 * called again after other inputs, and on a second cell made with the same sizes and options.
 * Backends trace a step once (a TensorFlow graph, an ONNX {@code Scan} body) and replay it, so a
 * cell that keeps state or draws random numbers would compute something else there.
 */
final class PurityCheck {
  private static final int BATCH = 2;

  private PurityCheck() {}

  static void run(CellUnderTest c) {
    RecurrentCell cell = c.create(3, 4);
    Rng rng = new Rng(17);
    Map<String, Tensor> params = new HashMap<>();
    for (ParamSpec p : cell.params()) {
      params.put(p.name(), ReferenceOps.of(Values.uniform(rng, p.size(), 0.6), p.shape()));
    }
    List<Tensor> state = new ArrayList<>();
    for (StateSpec s : cell.state()) {
      state.add(ReferenceOps.of(Values.uniform(rng, BATCH * s.size(), 0.8), BATCH, s.size()));
    }
    Tensor x = ReferenceOps.of(Values.uniform(rng, BATCH * cell.inputSize(), 1), BATCH, cell.inputSize());
    Tensor other = ReferenceOps.of(Values.uniform(rng, BATCH * cell.inputSize(), 1), BATCH, cell.inputSize());

    List<double[]> first = run(cell, params, x, state);
    run(cell, params, other, state);
    same(c, cell, first, run(cell, params, x, state), "called again with the same inputs (after other inputs)");
    same(c, cell, first, run(c.create(3, 4), params, x, state), "on a second cell made with the same sizes and options");
  }

  /** The output, then each state tensor, of one step. */
  private static List<double[]> run(RecurrentCell cell, Map<String, Tensor> params, Tensor x, List<Tensor> state) {
    Step out = cell.step(new ReferenceOps(), params::get, x, new State(state));
    List<double[]> values = new ArrayList<>();
    values.add(ReferenceOps.values(out.output()));
    for (Tensor s : out.state().values()) {
      values.add(ReferenceOps.values(s));
    }
    return values;
  }

  private static void same(CellUnderTest c, RecurrentCell cell, List<double[]> expected, List<double[]> actual, String when) {
    for (int i = 0; i < expected.size(); i++) {
      double[] e = expected.get(i);
      double[] a = actual.get(i);
      for (int k = 0; k < e.length; k++) {
        if (Double.doubleToLongBits(e[k]) != Double.doubleToLongBits(a[k])) {
          String what = i == 0 ? "output" : "state '" + cell.state().get(i - 1).name() + "'";
          int width = i == 0 ? cell.hiddenSize() : cell.state().get(i - 1).size();
          throw new AssertionError(c.label(cell) + " step is not pure: " + when + ", its " + what + " " + Values.shape(BATCH, width)
              + " changed at " + Values.position(k, new int[] {BATCH, width}) + " from " + Values.number(e[k]) + " to "
              + Values.number(a[k]) + "; a cell keeps no state between calls and draws no random numbers");
        }
      }
    }
  }
}
