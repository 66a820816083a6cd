package io.recur.core.layer;

import io.recur.core.cell.Params;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.State;
import io.recur.core.cell.Step;
import io.recur.core.tensor.Tensor;

/**
 * One recurrent layer of a model: a cell and the scope its parameters live under
 * ({@code layer0}, {@code layer1}, …). It runs the cell over a whole sequence from a carried
 * state — zero at the start of a text, the previous minibatch's final state under truncated BPTT.
 */
public record RecurrentLayer(String scope, RecurrentCell cell) {
  /** {@code x [T, B, I]} → outputs {@code [T, B, H]} and the final state. */
  public Step forward(LayerOps ops, Params w, Tensor x, State initial) {
    return ops.recurrent(scope, cell, w, x, initial);
  }
}
