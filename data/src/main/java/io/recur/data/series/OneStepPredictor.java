package io.recur.data.series;

import java.util.List;

/**
 * A model of a series as one-step-ahead predictions: given the values up to an origin, the next
 * one. {@link Forecasts} turns any such predictor into k-step-ahead forecasts by feeding its
 * predictions back. A predictor that runs faster on many histories at once (a neural network on
 * a batch) overrides {@link #next(List)}.
 */
@FunctionalInterface
public interface OneStepPredictor {
  /** The prediction of the value at {@code history.length()}. */
  double next(History history);

  /** {@code next} of each history, in order. */
  default double[] next(List<History> histories) {
    double[] out = new double[histories.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = next(histories.get(i));
    }
    return out;
  }
}
