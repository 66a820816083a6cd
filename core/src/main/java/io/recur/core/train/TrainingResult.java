package io.recur.core.train;

import java.util.List;

/** Every epoch so far (including those before a resume), and this run's elements (tokens, values) and seconds. */
public record TrainingResult(List<EpochReport> history, long count, double seconds) {
  public EpochReport last() {
    return history.get(history.size() - 1);
  }

  /** Elements trained on per second by this run. */
  public double throughput() {
    return count / seconds;
  }
}
