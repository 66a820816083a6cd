package io.recur.core.cell;

/** What a cell is built from: its sizes, and the initial LSTM forget-gate bias (ignored by other cells). */
public record CellConfig(int inputSize, int hiddenSize, float forgetBias) {}
