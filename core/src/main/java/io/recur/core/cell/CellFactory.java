package io.recur.core.cell;

import java.util.Set;

/**
 * Creates a cell from its sizes and options. A cell whose public constructor takes a
 * {@link CellConfig} is its own factory ({@code MguCell::new}); a factory that reads options
 * ({@code forget_bias}, {@code activation}) names them in {@link #options()}, and any other option
 * is refused before {@link #create} is called (see {@link CellRegistry#resolve}).
 */
@FunctionalInterface
public interface CellFactory {
  /** A new cell of {@code config}'s sizes, configured by its options. */
  RecurrentCell create(CellConfig config);

  /** A new cell of these sizes, without options. */
  default RecurrentCell create(int inputSize, int hiddenSize) {
    return create(new CellConfig(inputSize, hiddenSize));
  }

  /** The option names this cell takes (none by default). */
  default Set<String> options() {
    return Set.of();
  }
}
