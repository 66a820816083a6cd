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
import io.recur.core.ops.Initializer;
import io.recur.core.tensor.Tensor;
import java.util.List;
import java.util.Set;

/**
 * The independently recurrent network (Li et al., <i>IndRNN</i>, 2018): each unit sees only its
 * own previous value, through a per-unit recurrent weight instead of a matrix:
 * <pre>
 *   u   = m · tanh(r)                      (|u| &lt; m; r itself when m = 0)
 *   h_t = φ(x_t·W_xᵀ + u ⊙ h_{t-1} + b)     φ = ReLU or tanh
 * </pre>
 * Parameters: {@code W_x [H, I]}, {@code r [H]} (uniform in [0, 1) at the start), {@code b [H]}.
 * State {@code h [B, H]}. Options: {@code activation} ({@code relu}, the paper's, or
 * {@code tanh}; default relu) and {@code recurrent_max} m (default 1; 0 = unbounded) — the paper
 * keeps |u| bounded so that a ReLU unit cannot grow without limit over time. {@code --cell indrnn}.
 */
public final class IndRnnCell extends AbstractCell {
  /** Registers {@code indrnn}, with the options {@code activation} and {@code recurrent_max}. */
  public static final class Factory implements CellProvider {
    @Override
    public String name() {
      return "indrnn";
    }

    @Override
    public RecurrentCell create(CellConfig config) {
      String activation = config.options().text("activation", "relu");
      return new IndRnnCell(config, activation, config.options().number("recurrent_max", 1));
    }

    @Override
    public Set<String> options() {
      return Set.of("activation", "recurrent_max");
    }
  }

  /** Uniform in [0, 1): every unit starts remembering some of its past. */
  private static final Initializer UNIT_INTERVAL = (shape, rng) -> {
    float[] v = new float[shape[0]];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rng.nextDouble();
    }
    return v;
  };

  private final boolean relu;
  private final double recurrentMax;

  /**
   * @param activation {@code relu} or {@code tanh}
   * @param recurrentMax the bound m of the recurrent weights, or 0 for none
   */
  public IndRnnCell(CellConfig config, String activation, double recurrentMax) {
    super(config);
    if (!activation.equals("relu") && !activation.equals("tanh")) {
      throw new InvalidInputException("indrnn has no activation '" + activation + "'; pass --cell-opt activation=relu or tanh");
    }
    if (!(recurrentMax >= 0)) {
      throw new InvalidInputException("indrnn needs recurrent_max >= 0 (got " + recurrentMax + "); pass --cell-opt recurrent_max=1");
    }
    this.relu = activation.equals("relu");
    this.recurrentMax = recurrentMax;
  }

  @Override
  public List<ParamSpec> params() {
    int h = hiddenSize();
    return List.of(ParamSpec.weight("W_x", h, inputSize()), ParamSpec.bias("r", h).initializedWith(UNIT_INTERVAL),
        ParamSpec.bias("b", h));
  }

  @Override
  public List<StateSpec> state() {
    return List.of(StateSpec.of("h", hiddenSize()));
  }

  @Override
  public Step step(CellOps ops, Params w, Tensor x, State s) {
    Tensor u = recurrentMax > 0 ? ops.scale(ops.tanh(w.get("r")), recurrentMax) : w.get("r");
    Tensor pre = ops.add(ops.add(ops.linear(x, w.get("W_x")), ops.mul(s.get(0), u)), w.get("b"));
    Tensor h = relu ? ops.relu(pre) : ops.tanh(pre);
    return new Step(h, State.of(h));
  }
}
