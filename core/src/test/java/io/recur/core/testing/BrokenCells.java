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
 * Cells with one mistake each, for the tests of {@link io.recur.core.check.CellCheck} and the test
 * kit: each is a tanh RNN ({@code h' = tanh(x·W_xᵀ + h·W_hᵀ + b)}) with the mistake its name says.
 */
public final class BrokenCells {
  private BrokenCells() {}

  /** The shared declarations: {@code W_x [H, I]}, {@code W_h [H, H]}, {@code b [H]}; state {@code h [B, H]}. */
  abstract static class Rnn extends AbstractCell {
    Rnn(CellConfig c) {
      super(c);
    }

    @Override
    public List<ParamSpec> params() {
      return List.of(ParamSpec.weight("W_x", hiddenSize(), inputSize()), ParamSpec.weight("W_h", hiddenSize(), hiddenSize()),
          ParamSpec.bias("b", hiddenSize()));
    }

    @Override
    public List<StateSpec> state() {
      return List.of(StateSpec.of("h", hiddenSize()));
    }

    Tensor pre(CellOps ops, Params w, Tensor x, Tensor h) {
      return ops.add(ops.add(ops.linear(x, w.get("W_x")), ops.linear(h, w.get("W_h"))), w.get("b"));
    }
  }

  /** Declares its state {@code [B, H]} but returns {@code [B, 2H]}. */
  public static final class WrongStateShape extends Rnn {
    public WrongStateShape(CellConfig c) {
      super(c);
    }

    @Override
    public Step step(CellOps ops, Params w, Tensor x, State s) {
      Tensor h = ops.tanh(pre(ops, w, x, s.get(0)));
      return new Step(h, State.of(ops.concat(List.of(h, h))));
    }
  }

  /** Declares a parameter {@code gain [H]} that its step never uses. */
  public static final class UnusedParameter extends Rnn {
    public UnusedParameter(CellConfig c) {
      super(c);
    }

    @Override
    public List<ParamSpec> params() {
      return List.of(ParamSpec.weight("W_x", hiddenSize(), inputSize()), ParamSpec.weight("W_h", hiddenSize(), hiddenSize()),
          ParamSpec.bias("b", hiddenSize()), ParamSpec.bias("gain", hiddenSize()));
    }

    @Override
    public Step step(CellOps ops, Params w, Tensor x, State s) {
      Tensor h = ops.tanh(pre(ops, w, x, s.get(0)));
      return new Step(h, State.of(h));
    }
  }

  /** Layer-normalises the state with epsilon 0: NaN from the zero state. */
  public static final class NanAtInitialisation extends Rnn {
    public NanAtInitialisation(CellConfig c) {
      super(c);
    }

    @Override
    public Step step(CellOps ops, Params w, Tensor x, State s) {
      Tensor h = ops.tanh(pre(ops, w, x, ops.layerNorm(s.get(0), 0)));
      return new Step(h, State.of(h));
    }
  }

  /** Multiplies the input {@code [B, I]} by the state {@code [B, H]}. */
  public static final class MismatchedShapes extends Rnn {
    public MismatchedShapes(CellConfig c) {
      super(c);
    }

    @Override
    public Step step(CellOps ops, Params w, Tensor x, State s) {
      Tensor h = ops.tanh(ops.add(pre(ops, w, x, s.get(0)), ops.mul(x, s.get(0))));
      return new Step(h, State.of(h));
    }
  }

  /** Asks for a parameter {@code bias} it does not declare (it declares {@code b}). */
  public static final class UndeclaredParameter extends Rnn {
    public UndeclaredParameter(CellConfig c) {
      super(c);
    }

    @Override
    public Step step(CellOps ops, Params w, Tensor x, State s) {
      Tensor h = ops.tanh(ops.add(pre(ops, w, x, s.get(0)), w.get("bias")));
      return new Step(h, State.of(h));
    }
  }
}
