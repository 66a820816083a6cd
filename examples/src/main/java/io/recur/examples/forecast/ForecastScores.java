package io.recur.examples.forecast;

import io.recur.data.series.Forecast;
import io.recur.data.series.HorizonScore;
import java.util.List;

/**
 * A forecast's errors in the series' units at every horizon 1 … K, and the summary numbers
 * {@code recur forecast} reports: the 1-step MSE, the MSE at K, and the MASE over horizons 1 … K
 * (the mean of the per-horizon MASEs, every horizon weighted alike).
 */
public record ForecastScores(List<HorizonScore> horizons) {
  public ForecastScores {
    horizons = List.copyOf(horizons);
    if (horizons.isEmpty()) {
      throw new IllegalArgumentException("no horizons scored");
    }
  }

  /** Scores {@code forecast} at all its horizons, MASE scaled by {@code maseScale}. */
  public static ForecastScores of(Forecast forecast, double maseScale) {
    return new ForecastScores(forecast.scores(maseScale));
  }

  public double oneStepMse() {
    return horizons.get(0).mse();
  }

  /** The MSE at the largest horizon, K. */
  public double kStepMse() {
    return horizons.get(horizons.size() - 1).mse();
  }

  public double mase() {
    return horizons.stream().mapToDouble(HorizonScore::mase).average().orElseThrow();
  }

  public HorizonScore at(int horizon) {
    return horizons.get(horizon - 1);
  }
}
