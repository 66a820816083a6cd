package io.recur.core.backend;

/** The summed loss of a minibatch and how many elements (tokens, values) it sums over. */
public record StepLoss(double sum, long count) {
  public double mean() {
    return sum / count;
  }

  /** This loss and {@code other} together. */
  public StepLoss plus(StepLoss other) {
    return new StepLoss(sum + other.sum, count + other.count);
  }
}
