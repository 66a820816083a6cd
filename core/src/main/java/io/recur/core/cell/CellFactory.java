package io.recur.core.cell;

/**
 * Creates a cell for the given sizes. Custom cells register a constructor reference
 * ({@code MguCell::new}); built-ins with options (the LSTM's forget bias) also override
 * {@link #create(CellConfig)}.
 */
@FunctionalInterface
public interface CellFactory {
  RecurrentCell create(int inputSize, int hiddenSize);

  default RecurrentCell create(CellConfig config) {
    return create(config.inputSize(), config.hiddenSize());
  }
}
