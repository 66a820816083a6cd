package io.recur.core.testing;

import io.recur.core.cell.AbstractCell;
import io.recur.core.cell.CellConfig;
import io.recur.core.cell.ParamSpec;
import io.recur.core.cell.Params;
import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.cell.Step;
import io.recur.core.ops.CellOps;
import io.recur.core.tensor.Tensor;
import java.util.List;

/**
 * A custom cell for tests, written only against {@link CellOps}: the minimal gated unit (Zhou et
 * al.), one gate and one state vector, with {@code concat} and {@code oneMinus}:
 * <pre>
 *   f  = σ([x, h]·W_fᵀ + b_f)
 *   h̃  = tanh([x, f ⊙ h]·W_cᵀ + b_c)
 *   h' = (1 - f) ⊙ h + f ⊙ h̃
 * </pre>
 */
public final class MguCell extends AbstractCell {
  public MguCell(CellConfig config) {
    super(config);
  }

  @Override
  public List<ParamSpec> params() {
    return List.of(ParamSpec.weight("W_f", hiddenSize(), inputSize() + hiddenSize()), ParamSpec.bias("b_f", hiddenSize()),
        ParamSpec.weight("W_c", hiddenSize(), inputSize() + hiddenSize()), ParamSpec.bias("b_c", hiddenSize()));
  }

  @Override
  public List<StateSpec> state() {
    return List.of(StateSpec.of("h", hiddenSize()));
  }

  @Override
  public Step step(CellOps ops, Params w, Tensor x, State s) {
    Tensor h = s.get(0);
    Tensor f = ops.sigmoid(ops.add(ops.linear(ops.concat(List.of(x, h)), w.get("W_f")), w.get("b_f")));
    Tensor cand = ops.tanh(ops.add(ops.linear(ops.concat(List.of(x, ops.mul(f, h))), w.get("W_c")), w.get("b_c")));
    Tensor next = ops.add(ops.mul(ops.oneMinus(f), h), ops.mul(f, cand));
    return new Step(next, State.of(next));
  }
}
