package io.recur.core.cell;

import io.recur.core.tensor.Tensor;

/** A cell's parameters by the names it declared in {@link RecurrentCell#params()}. */
@FunctionalInterface
public interface Params {
  /** The parameter, or an {@link IllegalArgumentException} naming the cell's declared parameters. */
  Tensor get(String name);
}
