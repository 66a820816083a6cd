package io.recur.data.series;

/**
 * The errors of the forecasts at one horizon, in the series' units.
 *
 * @param horizon k ≥ 1
 * @param count the number of scored forecasts
 * @param mse mean squared error
 * @param mae mean absolute error
 * @param mase {@code mae / scale}, the scale being {@link Metrics#maseScale}; NaN when the scale is 0
 */
public record HorizonScore(int horizon, int count, double mse, double mae, double mase) {}
