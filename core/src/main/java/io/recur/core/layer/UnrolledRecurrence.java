package io.recur.core.layer;

import io.recur.core.cell.Params;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.State;
import io.recur.core.cell.Step;
import io.recur.core.ops.CellOps;
import io.recur.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference implementation of running a cell over time: call {@link RecurrentCell#step} once
 * per step. Any cell runs this way on any backend whose ops differentiate; fused kernels are
 * proven equal to it.
 */
public final class UnrolledRecurrence {
  private UnrolledRecurrence() {}

  public static Step run(CellOps ops, TimeAxis time, RecurrentCell cell, Params w, Tensor x, State initial) {
    List<Tensor> inputs = time.unstack(x);
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("cannot run " + cell + " over an empty sequence (T = 0)");
    }
    List<Tensor> outputs = new ArrayList<>(inputs.size());
    State s = initial;
    for (Tensor xt : inputs) {
      Step step = cell.step(ops, w, xt, s);
      if (step.state().size() != cell.state().size()) {
        throw new IllegalStateException(cell + ".step returned " + step.state().size()
            + " state tensors but the cell declares " + cell.state().size() + ": " + cell.state());
      }
      outputs.add(step.output());
      s = step.state();
    }
    return new Step(time.stack(outputs), s);
  }
}
