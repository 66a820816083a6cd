/**
 * Series for autoregressive models: the textbook's noisy sine
 * ({@link io.recur.data.series.SineSeries}) and the lag-feature view that turns any series into
 * (features, label) examples ({@link io.recur.data.series.LagFeatures}).
 */
package io.recur.data.series;
