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
import io.recur.core.ops.Initializers;
import io.recur.core.tensor.Tensor;
import java.util.List;
import java.util.Set;

/**
 * The LSTM with peephole connections (Gers &amp; Schmidhuber, 2000): the input and forget gates
 * look at the previous cell state, the output gate at the new one, through per-unit weights:
 * <pre>
 *   [i, f, g, o] = split(x_t·W_xᵀ + h_{t-1}·W_hᵀ + b, 4)
 *   i = σ(i + p_i ⊙ c_{t-1})   f = σ(f + p_f ⊙ c_{t-1})
 *   c_t = f ⊙ c_{t-1} + i ⊙ tanh(g)
 *   o = σ(o + p_o ⊙ c_t)       h_t = o ⊙ tanh(c_t)
 * </pre>
 * Parameters: {@code W_x [4H, I]}, {@code W_h [4H, H]}, {@code b [4H]} (gate blocks i, f, g, o, as
 * {@link io.recur.core.cell.LstmCell}), peepholes {@code p_i}, {@code p_f}, {@code p_o} {@code [H]}
 * (zero at the start: the cell starts as a plain LSTM). State {@code h}, {@code c} {@code [B, H]}.
 * Option {@code forget_bias} (default 0): the forget-gate block of {@code b} at the start.
 * {@code --cell peephole-lstm}.
 */
public final class PeepholeLstmCell extends AbstractCell {
  /** Registers {@code peephole-lstm}, with the option {@code forget_bias}. */
  public static final class Factory implements CellProvider {
    @Override
    public String name() {
      return "peephole-lstm";
    }

    @Override
    public RecurrentCell create(CellConfig config) {
      return new PeepholeLstmCell(config, (float) config.options().number("forget_bias", 0));
    }

    @Override
    public Set<String> options() {
      return Set.of("forget_bias");
    }
  }

  private final float forgetBias;

  public PeepholeLstmCell(CellConfig config, float forgetBias) {
    super(config);
    this.forgetBias = forgetBias;
  }

  @Override
  public List<ParamSpec> params() {
    int h = hiddenSize();
    return List.of(ParamSpec.weight("W_x", 4 * h, inputSize()), ParamSpec.weight("W_h", 4 * h, h),
        ParamSpec.bias("b", 4 * h).initializedWith(Initializers.blockConstant(4, 1, forgetBias)),
        ParamSpec.bias("p_i", h), ParamSpec.bias("p_f", h), ParamSpec.bias("p_o", h));
  }

  @Override
  public List<StateSpec> state() {
    return List.of(StateSpec.of("h", hiddenSize()), StateSpec.of("c", hiddenSize()));
  }

  @Override
  public Step step(CellOps ops, Params w, Tensor x, State s) {
    Tensor c = s.get(1);
    List<Tensor> g = ops.split(ops.add(ops.add(ops.linear(x, w.get("W_x")), ops.linear(s.get(0), w.get("W_h"))), w.get("b")), 4);
    Tensor i = ops.sigmoid(ops.add(g.get(0), ops.mul(c, w.get("p_i"))));
    Tensor f = ops.sigmoid(ops.add(g.get(1), ops.mul(c, w.get("p_f"))));
    Tensor next = ops.add(ops.mul(f, c), ops.mul(i, ops.tanh(g.get(2))));
    Tensor o = ops.sigmoid(ops.add(g.get(3), ops.mul(next, w.get("p_o"))));
    Tensor h = ops.mul(o, ops.tanh(next));
    return new Step(h, State.of(h, next));
  }
}
