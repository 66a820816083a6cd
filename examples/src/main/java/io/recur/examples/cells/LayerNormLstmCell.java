package io.recur.examples.cells;

import io.recur.core.InvalidInputException;
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
 * The layer-normalised LSTM (Ba, Kiros &amp; Hinton, <i>Layer Normalization</i>, 2016): the input
 * and recurrent projections are normalised separately, each with its own gain, and so is the cell
 * state before the output non-linearity (LN(v) = (v − mean) / √(var + ε) over the feature axis):
 * <pre>
 *   [i, f, g, o] = split(γ_x ⊙ LN(x_t·W_xᵀ) + γ_h ⊙ LN(h_{t-1}·W_hᵀ) + b, 4)
 *   c_t = σ(f) ⊙ c_{t-1} + σ(i) ⊙ tanh(g)
 *   h_t = σ(o) ⊙ tanh(γ_c ⊙ LN(c_t) + β_c)
 * </pre>
 * Parameters: {@code W_x [4H, I]}, {@code W_h [4H, H]}, {@code b [4H]} (gate blocks i, f, g, o),
 * gains {@code gamma_x}, {@code gamma_h} {@code [4H]} and {@code gamma_c [H]} (starting at 1),
 * shift {@code beta_c [H]}. State {@code h}, {@code c} {@code [B, H]}. Option {@code epsilon}
 * (default 1e-5, must be &gt; 0: the zero state has no variance). {@code --cell layernorm-lstm}.
 */
public final class LayerNormLstmCell extends AbstractCell {
  /** Registers {@code layernorm-lstm}, with the option {@code epsilon}. */
  public static final class Factory implements CellProvider {
    @Override
    public String name() {
      return "layernorm-lstm";
    }

    @Override
    public RecurrentCell create(CellConfig config) {
      return new LayerNormLstmCell(config, config.options().number("epsilon", 1e-5));
    }

    @Override
    public Set<String> options() {
      return Set.of("epsilon");
    }
  }

  private final double epsilon;

  public LayerNormLstmCell(CellConfig config, double epsilon) {
    super(config);
    if (!(epsilon > 0)) {
      throw new InvalidInputException("layernorm-lstm needs epsilon > 0 (got " + epsilon
          + "); pass --cell-opt epsilon=1e-5");
    }
    this.epsilon = epsilon;
  }

  @Override
  public List<ParamSpec> params() {
    int h = hiddenSize();
    return List.of(ParamSpec.weight("W_x", 4 * h, inputSize()), ParamSpec.weight("W_h", 4 * h, h), ParamSpec.bias("b", 4 * h),
        ParamSpec.bias("gamma_x", 4 * h).initializedWith(Initializers.constant(1f)),
        ParamSpec.bias("gamma_h", 4 * h).initializedWith(Initializers.constant(1f)),
        ParamSpec.bias("gamma_c", h).initializedWith(Initializers.constant(1f)), ParamSpec.bias("beta_c", h));
  }

  @Override
  public List<StateSpec> state() {
    return List.of(StateSpec.of("h", hiddenSize()), StateSpec.of("c", hiddenSize()));
  }

  @Override
  public Step step(CellOps ops, Params w, Tensor x, State s) {
    Tensor fromInput = ops.mul(ops.layerNorm(ops.linear(x, w.get("W_x")), epsilon), w.get("gamma_x"));
    Tensor fromState = ops.mul(ops.layerNorm(ops.linear(s.get(0), w.get("W_h")), epsilon), w.get("gamma_h"));
    List<Tensor> g = ops.split(ops.add(ops.add(fromInput, fromState), w.get("b")), 4);
    Tensor c = ops.add(ops.mul(ops.sigmoid(g.get(1)), s.get(1)), ops.mul(ops.sigmoid(g.get(0)), ops.tanh(g.get(2))));
    Tensor normalised = ops.add(ops.mul(ops.layerNorm(c, epsilon), w.get("gamma_c")), w.get("beta_c"));
    Tensor h = ops.mul(ops.sigmoid(g.get(3)), ops.tanh(normalised));
    return new Step(h, State.of(h, c));
  }
}
