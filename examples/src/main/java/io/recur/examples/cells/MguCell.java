package io.recur.examples.cells;

import io.recur.core.cell.AbstractCell;
import io.recur.core.cell.CellConfig;
import io.recur.core.cell.CellProvider;
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
 * The minimal gated unit (Zhou et al., <i>Minimal Gated Unit for Recurrent Neural Networks</i>,
 * 2016): a GRU with one gate, the forget gate, doing the work of both:
 * <pre>
 *   f   = σ([x_t, h_{t-1}]·W_fᵀ + b_f)
 *   h̃   = tanh([x_t, f ⊙ h_{t-1}]·W_hᵀ + b_h)
 *   h_t = (1 − f) ⊙ h_{t-1} + f ⊙ h̃
 * </pre>
 * Parameters: {@code W_f [H, I+H]}, {@code b_f [H]}, {@code W_h [H, I+H]}, {@code b_h [H]}. State:
 * {@code h [B, H]}; output {@code h_t}. {@code --cell mgu}.
 */
public final class MguCell extends AbstractCell {
  /** Registers {@code mgu}. */
  public static final class Factory implements CellProvider {
    @Override
    public String name() {
      return "mgu";
    }

    @Override
    public RecurrentCell create(CellConfig config) {
      return new MguCell(config);
    }
  }

  public MguCell(CellConfig config) {
    super(config);
  }

  @Override
  public List<ParamSpec> params() {
    int h = hiddenSize();
    int in = inputSize() + h;
    return List.of(ParamSpec.weight("W_f", h, in), ParamSpec.bias("b_f", h), ParamSpec.weight("W_h", h, in), ParamSpec.bias("b_h", h));
  }

  @Override
  public List<StateSpec> state() {
    return List.of(StateSpec.of("h", hiddenSize()));
  }

  @Override
  public Step step(CellOps ops, Params w, Tensor x, State s) {
    Tensor h = s.get(0);
    Tensor f = ops.sigmoid(ops.add(ops.linear(ops.concat(List.of(x, h)), w.get("W_f")), w.get("b_f")));
    Tensor candidate = ops.tanh(ops.add(ops.linear(ops.concat(List.of(x, ops.mul(f, h))), w.get("W_h")), w.get("b_h")));
    Tensor next = ops.add(ops.mul(ops.oneMinus(f), h), ops.mul(f, candidate));
    return new Step(next, State.of(next));
  }
}
