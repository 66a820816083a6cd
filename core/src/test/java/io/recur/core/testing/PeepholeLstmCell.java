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
 * A custom cell for tests, written only against {@link CellOps}: the LSTM with peephole
 * connections (Gers &amp; Schmidhuber), two state vectors and per-unit peephole weights:
 * <pre>
 *   [i, f, g, o] = split(x·W_xᵀ + h·W_hᵀ + b, 4)
 *   i = σ(i + p_i ⊙ c)   f = σ(f + p_f ⊙ c)   c' = f ⊙ c + i ⊙ tanh(g)
 *   o = σ(o + p_o ⊙ c')  h' = o ⊙ tanh(c')
 * </pre>
 */
public final class PeepholeLstmCell extends AbstractCell {
  public PeepholeLstmCell(CellConfig config) {
    super(config);
  }

  @Override
  public List<ParamSpec> params() {
    return List.of(ParamSpec.weight("W_x", 4 * hiddenSize(), inputSize()), ParamSpec.weight("W_h", 4 * hiddenSize(), hiddenSize()),
        ParamSpec.bias("b", 4 * hiddenSize()), ParamSpec.bias("p_i", hiddenSize()), ParamSpec.bias("p_f", hiddenSize()),
        ParamSpec.bias("p_o", hiddenSize()));
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
