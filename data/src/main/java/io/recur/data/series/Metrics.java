package io.recur.data.series;

import io.recur.core.InvalidInputException;

/**
 * Forecast errors: mean squared and mean absolute error, and the scale of the mean absolute
 * scaled error (MASE, Hyndman and Koehler 2006): the in-sample one-step mean absolute error of
 * the seasonal-naive forecast on the training part ({@code season = 1}: the naive one), so a
 * MASE below 1 beats that baseline's one-step error on data it has seen.
 */
public final class Metrics {
  private Metrics() {}

  public static double mse(double[] predicted, double[] actual) {
    checkSameLength(predicted, actual);
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      double e = predicted[i] - actual[i];
      sum += e * e;
    }
    return sum / actual.length;
  }

  public static double mae(double[] predicted, double[] actual) {
    checkSameLength(predicted, actual);
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      sum += Math.abs(predicted[i] - actual[i]);
    }
    return sum / actual.length;
  }

  /**
   * {@code mean over t = S … n−1 of |x[t] − x[t−S]|} for the training part {@code x[0 … n−1]}.
   *
   * @throws InvalidInputException unless {@code 1 ≤ season < n}
   */
  public static double maseScale(double[] train, int season) {
    if (season < 1) {
      throw new InvalidInputException("season must be >= 1 (got " + season + "); pass --season S");
    }
    if (season >= train.length) {
      throw new InvalidInputException("a season of " + season + " needs more than " + season + " training values (got "
          + train.length + "); pass a smaller --season or a smaller --val-fraction");
    }
    double sum = 0;
    for (int t = season; t < train.length; t++) {
      sum += Math.abs(train[t] - train[t - season]);
    }
    return sum / (train.length - season);
  }

  private static void checkSameLength(double[] predicted, double[] actual) {
    if (predicted.length != actual.length || actual.length == 0) {
      throw new IllegalArgumentException(predicted.length + " predictions for " + actual.length + " values");
    }
  }
}
