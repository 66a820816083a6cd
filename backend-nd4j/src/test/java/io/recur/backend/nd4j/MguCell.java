package io.recur.backend.nd4j;

import io.recur.core.cell.ParamSpec;
import io.recur.core.cell.Params;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.cell.Step;
import io.recur.core.ops.CellOps;
import io.recur.core.tensor.Tensor;
import java.util.List;

/**
 * A minimal gated unit (Zhou et al.), written only here against {@link CellOps}, to prove that a
 * cell the backend has never seen trains through the generic path:
 * <pre>
 *   [f_x, n_x] = split(x·W_xᵀ + b, 2)
 *   f = σ(f_x + h·W_fᵀ)      n = tanh(n_x + (f ⊙ h)·W_nᵀ)
 *   h' = (1 - f) ⊙ h + f ⊙ n
 * </pre>
 */
public final class MguCell implements RecurrentCell {
  private final int inputSize;
  private final int hiddenSize;

  public MguCell(int inputSize, int hiddenSize) {
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
  }

  @Override
  public int inputSize() {
    return inputSize;
  }

  @Override
  public int hiddenSize() {
    return hiddenSize;
  }

  @Override
  public List<ParamSpec> params() {
    return List.of(ParamSpec.weight("W_x", 2 * hiddenSize, inputSize), ParamSpec.bias("b", 2 * hiddenSize),
        ParamSpec.weight("W_f", hiddenSize, hiddenSize), ParamSpec.weight("W_n", hiddenSize, hiddenSize));
  }

  @Override
  public List<StateSpec> state() {
    return List.of(StateSpec.of("h", hiddenSize));
  }

  @Override
  public Step step(CellOps ops, Params w, Tensor x, State s) {
    Tensor h = s.get(0);
    List<Tensor> gx = ops.split(ops.add(ops.linear(x, w.get("W_x")), w.get("b")), 2);
    Tensor f = ops.sigmoid(ops.add(gx.get(0), ops.linear(h, w.get("W_f"))));
    Tensor n = ops.tanh(ops.add(gx.get(1), ops.linear(ops.mul(f, h), w.get("W_n"))));
    Tensor next = ops.add(ops.mul(ops.oneMinus(f), h), ops.mul(f, n));
    return new Step(next, State.of(next));
  }

  @Override
  public String toString() {
    return "MguCell(" + inputSize + "→" + hiddenSize + ")";
  }
}
