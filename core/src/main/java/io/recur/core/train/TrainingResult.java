package io.recur.core.train;

import java.util.List;

/** Every epoch so far (including those before a resume), and this run's tokens and seconds. */
public record TrainingResult(List<EpochReport> history, long tokens, double seconds) {
  public EpochReport last() {
    return history.get(history.size() - 1);
  }

  public double tokensPerSecond() {
    return tokens / seconds;
  }
}
