package io.recur.examples.parity;

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
 * A custom cell written only against {@link CellOps}, known to no backend: the LSTM with coupled
 * input and forget gates ("CIFG", Greff et al., <i>LSTM: A Search Space Odyssey</i>, 2017). Two
 * state vectors, gate order f, g, o:
 * <pre>
 *   [f, g, o] = split(x·W_xᵀ + h·W_hᵀ + b, 3)
 *   c' = σ(f) ⊙ c + (1 − σ(f)) ⊙ tanh(g)
 *   h' = σ(o) ⊙ tanh(c')
 * </pre>
 * Weights {@code W_x [3H, I]}, {@code W_h [3H, H]}, bias {@code b [3H]}.
 */
public final class CifgCell extends AbstractCell {
  public CifgCell(CellConfig config) {
    super(config);
  }

  @Override
  public List<ParamSpec> params() {
    int h = hiddenSize();
    return List.of(ParamSpec.weight("W_x", 3 * h, inputSize()), ParamSpec.weight("W_h", 3 * h, h), ParamSpec.bias("b", 3 * h));
  }

  @Override
  public List<StateSpec> state() {
    return List.of(StateSpec.of("h", hiddenSize()), StateSpec.of("c", hiddenSize()));
  }

  @Override
  public Step step(CellOps ops, Params w, Tensor x, State s) {
    Tensor gates = ops.add(ops.add(ops.linear(x, w.get("W_x")), ops.linear(s.get(0), w.get("W_h"))), w.get("b"));
    List<Tensor> fgo = ops.split(gates, 3);
    Tensor f = ops.sigmoid(fgo.get(0));
    Tensor c = ops.add(ops.mul(f, s.get(1)), ops.mul(ops.oneMinus(f), ops.tanh(fgo.get(1))));
    Tensor h = ops.mul(ops.sigmoid(fgo.get(2)), ops.tanh(c));
    return new Step(h, State.of(h, c));
  }
}
