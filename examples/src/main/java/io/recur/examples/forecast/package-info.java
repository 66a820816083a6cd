/**
 * Forecasting with series models, as {@code recur forecast} does it: a trained model (any backend,
 * or ONNX Runtime) as a one-step predictor for the data module's forecasting protocol, forecasting
 * every origin in one pass with carried state ({@link io.recur.examples.forecast.ModelPredictor});
 * the closed-form linear autoregressive model as a series model's parameters; the scores the
 * command reports; and the textbook's k-step-ahead picture (XChart).
 */
package io.recur.examples.forecast;
