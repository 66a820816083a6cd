package io.recur.core.cell;

import io.recur.core.util.Checks;

/**
 * A base class for cells that takes care of the sizes: it checks them (both &gt; 0), answers
 * {@link #inputSize()} and {@link #hiddenSize()}, and prints as {@code MguCell(3→4)}. A subclass
 * declares {@link #params()} and {@link #state()} and computes {@link #step}.
 */
public abstract class AbstractCell implements RecurrentCell {
  private final int inputSize;
  private final int hiddenSize;

  /** @throws io.recur.core.InvalidInputException if a size is not positive */
  protected AbstractCell(int inputSize, int hiddenSize) {
    this.inputSize = Checks.positive("inputSize", inputSize);
    this.hiddenSize = Checks.positive("hiddenSize", hiddenSize);
  }

  /** The sizes of {@code config}; the subclass reads the options it takes. */
  protected AbstractCell(CellConfig config) {
    this(config.inputSize(), config.hiddenSize());
  }

  @Override
  public final int inputSize() {
    return inputSize;
  }

  @Override
  public final int hiddenSize() {
    return hiddenSize;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + inputSize + "→" + hiddenSize + ")";
  }
}
