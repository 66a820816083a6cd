package io.recur.core.cell;

import java.util.Set;

/**
 * Creates a cell for the given sizes. Custom cells register a constructor reference
 * ({@code MguCell::new}); cells with options (the LSTM's {@code forget_bias}) also override
 * {@link #create(CellConfig)} and {@link #options()}.
 */
@FunctionalInterface
public interface CellFactory {
  RecurrentCell create(int inputSize, int hiddenSize);

  /** Builds the cell from sizes and options; refuses options the cell does not take. */
  default RecurrentCell create(CellConfig config) {
    RecurrentCell cell = create(config.inputSize(), config.hiddenSize());
    config.options().requireOnly(cell.getClass().getSimpleName(), options());
    return cell;
  }

  /** The option names this cell takes (none by default). */
  default Set<String> options() {
    return Set.of();
  }
}
