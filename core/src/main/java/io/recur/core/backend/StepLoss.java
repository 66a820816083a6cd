package io.recur.core.backend;

/** The summed token cross-entropy (nats) of a minibatch and its token count. */
public record StepLoss(double sum, long tokens) {
  public double mean() {
    return sum / tokens;
  }
}
