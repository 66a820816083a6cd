package io.recur.data.series;

import io.recur.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one forecasting protocol, for every model and baseline: a one-step predictor evaluated at
 * horizons 1 … K by feeding its own predictions back.
 *
 * <p>For a series {@code x[0 … T−1]} and a first origin {@code n}, every {@code o} in
 * {@code n … T−1} is an origin: a forecast from {@code o} sees {@code x[0 … o−1]} and nothing
 * after. Step 1 predicts {@code x[o]}; step k predicts {@code x[o+k−1]} from the same observed
 * values followed by the predictions of steps 1 … k−1 (a {@link History} that cannot reach
 * further). The forecasts scored at horizon k are those from origins {@code n … T−k}, for the
 * targets {@code x[n+k−1 … T−1]}: {@code T − n − k + 1} of them.
 *
 * <p>On held-out data {@code n} is the length of the training part (so no held-out value is
 * ever an input); for 1-step predictions over the whole observed history, {@code n} is the first
 * index a model can predict (τ for an autoregressive model of order τ). All origins advance in
 * step, so a predictor that overrides {@link OneStepPredictor#next(List)} gets them as one batch.
 * A model of standardised values is run as {@link Scaler#inOriginalUnits}, its scaler fitted on
 * {@code x[0 … n−1]}, so that forecasts and their scores ({@link Forecast#scores}) are in the
 * series' units.
 */
public final class Forecasts {
  private Forecasts() {}

  /**
   * @param series {@code x[0 … T−1]}
   * @param firstOrigin {@code n}, {@code 1 ≤ n ≤ T−1}
   * @param maxHorizon {@code K}, {@code 1 ≤ K ≤ T − n}
   * @throws InvalidInputException if the origin or the horizon is out of range
   */
  public static Forecast run(double[] series, int firstOrigin, int maxHorizon, OneStepPredictor predictor) {
    int length = series.length;
    if (firstOrigin < 1 || firstOrigin > length - 1) {
      throw new InvalidInputException("the first forecast origin must be in [1, " + (length - 1) + "] for a series of "
          + length + " values (got " + firstOrigin + "); hold out fewer values with --val-fraction");
    }
    if (maxHorizon < 1 || maxHorizon > length - firstOrigin) {
      throw new InvalidInputException("horizon must be in [1, " + (length - firstOrigin) + "] for " + (length - firstOrigin)
          + " forecast origins (got " + maxHorizon + "); pass --horizon K with K in that range");
    }
    double[] values = series.clone();
    List<History> histories = new ArrayList<>();
    for (int o = firstOrigin; o < length; o++) {
      histories.add(History.at(values, o, maxHorizon - 1));
    }
    double[][] predictions = new double[maxHorizon][];
    for (int k = 1; k <= maxHorizon; k++) {
      List<History> active = histories.subList(0, length - firstOrigin - k + 1);
      double[] next = predictor.next(active);
      if (next.length != active.size()) {
        throw new IllegalStateException("the predictor gave " + next.length + " predictions for " + active.size() + " histories");
      }
      predictions[k - 1] = next;
      if (k < maxHorizon) {
        // the last active origin has no target at the next horizon
        for (int i = 0; i < next.length - 1; i++) {
          active.get(i).append(next[i]);
        }
      }
    }
    return new Forecast(values, firstOrigin, predictions);
  }
}
