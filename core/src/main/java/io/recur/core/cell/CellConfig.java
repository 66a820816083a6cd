package io.recur.core.cell;

/** What a cell is built from: its sizes and its own options ({@link CellOptions}). */
public record CellConfig(int inputSize, int hiddenSize, CellOptions options) {
  public CellConfig(int inputSize, int hiddenSize) {
    this(inputSize, hiddenSize, CellOptions.none());
  }
}
