package io.recur.core.cell;

import io.recur.core.ops.CellOps;
import io.recur.core.ops.Initializers;
import io.recur.core.tensor.Tensor;
import java.util.List;
import java.util.Set;

/**
 * Long short-term memory (Hochreiter &amp; Schmidhuber), in the form PyTorch and DJL use:
 * <pre>
 *   [i, f, g, o] = split(x_t·W_xᵀ + h_{t-1}·W_hᵀ + b, 4)
 *   i = σ(i)  f = σ(f)  g = tanh(g)  o = σ(o)
 *   c_t = f ⊙ c_{t-1} + i ⊙ g
 *   h_t = o ⊙ tanh(c_t)
 * </pre>
 * Parameters: {@code W_x [4H, I]}, {@code W_h [4H, H]}, {@code b [4H]}, gate blocks in the order
 * <b>i, f, g, o</b> (the ONNX exporter converts to ONNX's i, o, f, c). State: {@code h}, {@code c},
 * each {@code [B, H]}. Output: {@code h_t}. The forget-gate block of {@code b} starts at the
 * cell option {@code forget_bias} (default 0); 1 is the classic choice for long dependencies.
 */
public final class LstmCell extends AbstractCell {
  /** The cell option that sets the initial forget-gate bias. */
  public static final String FORGET_BIAS = "forget_bias";

  /** Registers {@code lstm}, honouring the {@code forget_bias} option. */
  public static final class Factory implements CellProvider {
    @Override
    public String name() {
      return "lstm";
    }

    @Override
    public RecurrentCell create(CellConfig c) {
      return new LstmCell(c.inputSize(), c.hiddenSize(), (float) c.options().number(FORGET_BIAS, 0));
    }

    @Override
    public Set<String> options() {
      return Set.of(FORGET_BIAS);
    }
  }

  private final float forgetBias;

  public LstmCell(int inputSize, int hiddenSize) {
    this(inputSize, hiddenSize, 0f);
  }

  public LstmCell(int inputSize, int hiddenSize, float forgetBias) {
    super(inputSize, hiddenSize);
    this.forgetBias = forgetBias;
  }

  @Override
  public List<ParamSpec> params() {
    int h = hiddenSize();
    ParamSpec b = ParamSpec.bias("b", 4 * h);
    return List.of(
        ParamSpec.weight("W_x", 4 * h, inputSize()),
        ParamSpec.weight("W_h", 4 * h, h),
        forgetBias == 0f ? b : b.initializedWith(Initializers.blockConstant(4, 1, forgetBias)));
  }

  @Override
  public List<StateSpec> state() {
    return List.of(StateSpec.of("h", hiddenSize()), StateSpec.of("c", hiddenSize()));
  }

  @Override
  public Step step(CellOps ops, Params w, Tensor x, State s) {
    Tensor gates = ops.add(ops.add(ops.linear(x, w.get("W_x")), ops.linear(s.get(0), w.get("W_h"))), w.get("b"));
    List<Tensor> g = ops.split(gates, 4);
    Tensor i = ops.sigmoid(g.get(0));
    Tensor f = ops.sigmoid(g.get(1));
    Tensor cand = ops.tanh(g.get(2));
    Tensor o = ops.sigmoid(g.get(3));
    Tensor c = ops.add(ops.mul(f, s.get(1)), ops.mul(i, cand));
    Tensor h = ops.mul(o, ops.tanh(c));
    return new Step(h, State.of(h, c));
  }
}
