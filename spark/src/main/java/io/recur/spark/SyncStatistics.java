package io.recur.spark;

/**
 * Where a distributed run's training time went: {@code rounds} averaging rounds that took
 * {@code seconds} on the driver's clock (from broadcasting the model to holding the average), of
 * which {@code computeSeconds} is the slowest worker's local steps in each round, summed. The rest
 * is the price of distribution: scheduling, shipping and averaging the model.
 */
public record SyncStatistics(long rounds, double seconds, double computeSeconds) {
  static final SyncStatistics NONE = new SyncStatistics(0, 0, 0);

  /** Seconds not spent in the slowest worker's steps. */
  public double syncSeconds() {
    return Math.max(0, seconds - computeSeconds);
  }

  /** {@link #syncSeconds} as a fraction of all (0 when nothing ran). */
  public double syncFraction() {
    return seconds > 0 ? syncSeconds() / seconds : 0;
  }

  /** Mean seconds of distribution overhead per round. */
  public double syncSecondsPerRound() {
    return rounds > 0 ? syncSeconds() / rounds : 0;
  }

  SyncStatistics plus(double roundSeconds, double roundComputeSeconds) {
    return new SyncStatistics(rounds + 1, seconds + roundSeconds, computeSeconds + roundComputeSeconds);
  }
}
