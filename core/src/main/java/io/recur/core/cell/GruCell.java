package io.recur.core.cell;

import io.recur.core.ops.CellOps;
import io.recur.core.tensor.Tensor;
import java.util.List;

/**
 * Gated recurrent unit (Cho et al.) in PyTorch's convention — ONNX's {@code linear_before_reset
 * = 1}, where the reset gate multiplies the recurrent projection after its bias:
 * <pre>
 *   [r_x, z_x, n_x] = split(x_t·W_xᵀ + b, 3)      [r_h, z_h, n_h] = split(h_{t-1}·W_hᵀ, 3)
 *   r = σ(r_x + r_h)   z = σ(z_x + z_h)
 *   n = tanh(n_x + r ⊙ (n_h + b_hn))
 *   h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}
 * </pre>
 * Parameters: {@code W_x [3H, I]}, {@code W_h [3H, H]}, {@code b [3H]}, {@code b_hn [H]}; gate
 * blocks in the order <b>r, z, n</b> (ONNX's is z, r, h; the exporter converts). {@code b_hn} is
 * the only recurrent bias that is not redundant with {@code b}. State: {@code h [B, H]}.
 */
public final class GruCell extends AbstractCell {
  /** Registers {@code gru}. */
  public static final class Factory implements CellProvider {
    @Override
    public String name() {
      return "gru";
    }

    @Override
    public RecurrentCell create(CellConfig c) {
      return new GruCell(c.inputSize(), c.hiddenSize());
    }
  }

  public GruCell(int inputSize, int hiddenSize) {
    super(inputSize, hiddenSize);
  }

  @Override
  public List<ParamSpec> params() {
    int h = hiddenSize();
    return List.of(
        ParamSpec.weight("W_x", 3 * h, inputSize()),
        ParamSpec.weight("W_h", 3 * h, h),
        ParamSpec.bias("b", 3 * h),
        ParamSpec.bias("b_hn", h));
  }

  @Override
  public List<StateSpec> state() {
    return List.of(StateSpec.of("h", hiddenSize()));
  }

  @Override
  public Step step(CellOps ops, Params w, Tensor x, State s) {
    Tensor h = s.get(0);
    List<Tensor> gx = ops.split(ops.add(ops.linear(x, w.get("W_x")), w.get("b")), 3);
    List<Tensor> gh = ops.split(ops.linear(h, w.get("W_h")), 3);
    Tensor r = ops.sigmoid(ops.add(gx.get(0), gh.get(0)));
    Tensor z = ops.sigmoid(ops.add(gx.get(1), gh.get(1)));
    Tensor n = ops.tanh(ops.add(gx.get(2), ops.mul(r, ops.add(gh.get(2), w.get("b_hn")))));
    Tensor next = ops.add(ops.mul(ops.oneMinus(z), n), ops.mul(z, h));
    return new Step(next, State.of(next));
  }
}
