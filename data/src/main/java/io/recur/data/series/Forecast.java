package io.recur.data.series;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The forecasts of one predictor from every origin {@code n … T−1} at horizons 1 … K, made by
 * {@link Forecasts#run}: at horizon k, forecast i (from origin {@code n + i}) is of
 * {@code x[n + i + k − 1]}.
 */
public final class Forecast {
  private final double[] series;
  private final int firstOrigin;
  private final double[][] predictions;

  Forecast(double[] series, int firstOrigin, double[][] predictions) {
    this.series = series;
    this.firstOrigin = firstOrigin;
    this.predictions = predictions;
  }

  /** {@code n}. */
  public int firstOrigin() {
    return firstOrigin;
  }

  /** {@code K}. */
  public int maxHorizon() {
    return predictions.length;
  }

  /** The index of the first value forecast at horizon k: {@code n + k − 1}. */
  public int firstTarget(int horizon) {
    checkHorizon(horizon);
    return firstOrigin + horizon - 1;
  }

  /** The forecasts at horizon k, of {@code x[n+k−1 … T−1]} in order. */
  public double[] predictions(int horizon) {
    checkHorizon(horizon);
    return predictions[horizon - 1].clone();
  }

  /** The values forecast at horizon k: {@code x[n+k−1 … T−1]}. */
  public double[] actual(int horizon) {
    return Arrays.copyOfRange(series, firstTarget(horizon), series.length);
  }

  /** @param maseScale {@link Metrics#maseScale} of the training part */
  public HorizonScore score(int horizon, double maseScale) {
    checkHorizon(horizon);
    double[] predicted = predictions[horizon - 1];
    double[] actual = actual(horizon);
    double mae = Metrics.mae(predicted, actual);
    return new HorizonScore(horizon, actual.length, Metrics.mse(predicted, actual), mae,
        maseScale > 0 ? mae / maseScale : Double.NaN);
  }

  /** {@link #score} at horizons 1 … K. */
  public List<HorizonScore> scores(double maseScale) {
    List<HorizonScore> scores = new ArrayList<>();
    for (int k = 1; k <= maxHorizon(); k++) {
      scores.add(score(k, maseScale));
    }
    return scores;
  }

  private void checkHorizon(int horizon) {
    if (horizon < 1 || horizon > predictions.length) {
      throw new IllegalArgumentException("horizon " + horizon + " is not in [1, " + predictions.length + "]");
    }
  }

  @Override
  public String toString() {
    return "Forecast(origins " + firstOrigin + " … " + (series.length - 1) + ", horizons 1 … " + predictions.length + ")";
  }
}
