package io.recur.core.train;

/**
 * The loss or the gradient norm became NaN or infinite, or the loss exploded past anything a
 * working model produces ({@link io.recur.core.model.Objective#exploded}). The message names the
 * epoch and the usual remedies.
 */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int epoch;

  public TrainingDivergedException(int epoch, int batch, double loss, double norm, TrainingConfig config) {
    super("training diverged in epoch " + epoch + ", minibatch " + batch + " (loss " + loss + ", gradient norm " + norm
        + "); " + (config.clip() == 0 ? "turn on gradient clipping (--clip 1) or " : "") + "lower the learning rate (--lr "
        + config.learningRate() + " now; try " + config.learningRate() / 10 + ")");
    this.epoch = epoch;
  }

  public int epoch() {
    return epoch;
  }
}
