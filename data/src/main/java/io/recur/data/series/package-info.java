/**
 * Real-valued series for autoregressive forecasting, in double precision: sources (the
 * textbook's noisy sine {@link io.recur.data.series.SineSeries}, CSV columns read by
 * {@link io.recur.data.series.CsvSeries} with missing values handled by
 * {@link io.recur.data.series.MissingValues}), the {@link io.recur.data.series.Series} value with
 * its train/held-out split, {@link io.recur.data.series.Scaler} (fitted on the training part),
 * {@link io.recur.data.series.LagFeatures}, the one forecasting protocol
 * ({@link io.recur.data.series.Forecasts}: any {@link io.recur.data.series.OneStepPredictor} fed
 * back to horizons 1 … K), the {@link io.recur.data.series.Baselines} and
 * {@link io.recur.data.series.Metrics} (MSE, MAE, MASE) every model is scored against, and the
 * closed-form linear autoregressive model {@link io.recur.data.series.LinearAr}. Depends on
 * {@code core} only.
 */
package io.recur.data.series;
