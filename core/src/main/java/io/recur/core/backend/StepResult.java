package io.recur.core.backend;

/** What one training step reports: the minibatch's loss and the global gradient norm before clipping. */
public record StepResult(StepLoss loss, double gradientNorm) {
  /** Whether the loss and the gradient norm are finite numbers (an update was applied). */
  public boolean finite() {
    return Double.isFinite(loss.sum()) && Double.isFinite(gradientNorm);
  }
}
