package io.recur.core.cell;

import io.recur.core.tensor.Tensor;

/**
 * What a cell step returns — its output and its new state. A whole layer returns the same pair:
 * the outputs of all steps and the state after the last one.
 */
public record Step(Tensor output, State state) {}
