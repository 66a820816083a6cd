package io.recur.core.cell;

import io.recur.core.ops.CellOps;
import io.recur.core.tensor.Tensor;
import java.util.List;
import java.util.Locale;

/**
 * The Elman RNN cell: {@code h_t = φ(x_t·W_xᵀ + h_{t-1}·W_hᵀ + b)} with φ = tanh or ReLU.
 *
 * <p>Parameters: {@code W_x [H, I]}, {@code W_h [H, H]}, {@code b [H]}. State: {@code h [B, H]}.
 * Output: {@code h_t}.
 */
public final class RnnCell extends AbstractCell {
  /** The non-linearity φ. */
  public enum Activation {
    TANH,
    RELU
  }

  /** Registers {@code rnn}, the tanh RNN. */
  public static final class TanhFactory implements CellProvider {
    @Override
    public String name() {
      return "rnn";
    }

    @Override
    public RecurrentCell create(CellConfig c) {
      return tanh(c.inputSize(), c.hiddenSize());
    }
  }

  /** Registers {@code rnn-relu}, the ReLU RNN. */
  public static final class ReluFactory implements CellProvider {
    @Override
    public String name() {
      return "rnn-relu";
    }

    @Override
    public RecurrentCell create(CellConfig c) {
      return relu(c.inputSize(), c.hiddenSize());
    }
  }

  private final Activation activation;

  public RnnCell(int inputSize, int hiddenSize, Activation activation) {
    super(inputSize, hiddenSize);
    this.activation = activation;
  }

  /** The tanh RNN ({@code --cell rnn}). */
  public static RnnCell tanh(int inputSize, int hiddenSize) {
    return new RnnCell(inputSize, hiddenSize, Activation.TANH);
  }

  /** The ReLU RNN ({@code --cell rnn-relu}). */
  public static RnnCell relu(int inputSize, int hiddenSize) {
    return new RnnCell(inputSize, hiddenSize, Activation.RELU);
  }

  public Activation activation() {
    return activation;
  }

  @Override
  public List<ParamSpec> params() {
    return List.of(
        ParamSpec.weight("W_x", hiddenSize(), inputSize()),
        ParamSpec.weight("W_h", hiddenSize(), hiddenSize()),
        ParamSpec.bias("b", hiddenSize()));
  }

  @Override
  public List<StateSpec> state() {
    return List.of(StateSpec.of("h", hiddenSize()));
  }

  @Override
  public Step step(CellOps ops, Params w, Tensor x, State s) {
    Tensor pre = ops.add(ops.add(ops.linear(x, w.get("W_x")), ops.linear(s.get(0), w.get("W_h"))), w.get("b"));
    Tensor h = activation == Activation.TANH ? ops.tanh(pre) : ops.relu(pre);
    return new Step(h, State.of(h));
  }

  @Override
  public String toString() {
    return "RnnCell(" + activation.name().toLowerCase(Locale.ROOT) + ", " + inputSize() + "→" + hiddenSize() + ")";
  }
}
