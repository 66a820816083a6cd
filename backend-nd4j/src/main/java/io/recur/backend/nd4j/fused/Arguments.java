package io.recur.backend.nd4j.fused;

import io.recur.core.cell.ParamSpec;
import io.recur.core.cell.RecurrentCell;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The checked arguments of one kernel call: the sizes, the input {@code [T, B, I]}, the cell's
 * parameters and its initial state, each as a {@link FloatBlock}. Shapes are checked against
 * the cell's declarations, so the kernels can index without checks.
 */
final class Arguments {
  final int steps;
  final int batch;
  final int inputSize;
  final int hidden;
  final FloatBlock x;
  /** The column of the 1 in each row of {@code x [T·B, I]} when every row is one-hot, else {@code null}. */
  final int[] tokens;
  private final Map<String, FloatBlock> params = new HashMap<>();
  private final List<FloatBlock> state;

  Arguments(RecurrentCell cell, INDArray x, Map<String, INDArray> params, List<INDArray> initialState) {
    long[] shape = x.shape();
    if (shape.length != 3 || shape[2] != cell.inputSize() || shape[0] < 1 || shape[1] < 1) {
      throw new IllegalArgumentException("x must be [T, B, " + cell.inputSize() + "] with T, B ≥ 1 for " + cell
          + " (got " + Arrays.toString(shape) + ")");
    }
    if (shape[0] * shape[1] * 4 * cell.hiddenSize() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("sequence " + Arrays.toString(shape) + " is too long for one fused pass; split it in time");
    }
    this.steps = (int) shape[0];
    this.batch = (int) shape[1];
    this.inputSize = cell.inputSize();
    this.hidden = cell.hiddenSize();
    this.x = FloatBlock.of(x);
    this.tokens = OneHot.tokens(this.x, steps * batch, inputSize);
    for (ParamSpec spec : cell.params()) {
      INDArray p = params.get(spec.name());
      if (p == null) {
        throw new IllegalArgumentException(cell + " needs parameter '" + spec.name() + "' (given " + params.keySet() + ")");
      }
      if (!Arrays.equals(p.shape(), Arrays.stream(spec.shape()).asLongStream().toArray())) {
        throw new IllegalArgumentException("parameter '" + spec.name() + "' of " + cell + " must be " + spec
            + " (got " + Arrays.toString(p.shape()) + ")");
      }
      this.params.put(spec.name(), FloatBlock.of(p));
    }
    if (initialState.size() != cell.state().size()) {
      throw new IllegalArgumentException(cell + " carries " + cell.state() + " (got " + initialState.size() + " state arrays)");
    }
    this.state = initialState.stream().map(s -> {
      if (!Arrays.equals(s.shape(), new long[] {batch, hidden})) {
        throw new IllegalArgumentException("each initial state of " + cell + " must be [" + batch + ", " + hidden + "] (got "
            + Arrays.toString(s.shape()) + ")");
      }
      return FloatBlock.of(s);
    }).toList();
  }

  /** Multiply-adds of a forward pass of a cell with {@code gates} gate blocks: {@code T·B·gates·H·(H+I)}. */
  long work(int gates) {
    return (long) steps * batch * gates * hidden * (hidden + inputSize);
  }

  FloatBlock param(String name) {
    return params.get(name);
  }

  FloatBlock state(int index) {
    return state.get(index);
  }

  /** Rows of one time step in a {@code [T·B, width]} matrix: the element offset of step {@code t}. */
  long row(int t, int width) {
    return (long) t * batch * width;
  }
}
