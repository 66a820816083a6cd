package io.recur.data.series;

import io.recur.core.InvalidInputException;

/**
 * The forecasts any model has to beat. Naive: every horizon gets the last observed value.
 * Seasonal naive with season S: the value one season before the target, from the last observed
 * season ({@code x[o+k−1 − S·⌈k/S⌉]} for horizon k from origin o) — fed back one step at a time,
 * this is exactly {@code x[t − S]} at every step.
 */
public final class Baselines {
  private Baselines() {}

  /** The last value: {@code seasonalNaive(1)}. */
  public static OneStepPredictor naive() {
    return seasonalNaive(1);
  }

  /** The value {@code season} steps back. */
  public static OneStepPredictor seasonalNaive(int season) {
    if (season < 1) {
      throw new InvalidInputException("season must be >= 1 (got " + season + "); pass --season S");
    }
    return history -> history.get(history.length() - season);
  }
}
