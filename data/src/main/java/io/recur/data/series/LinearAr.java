package io.recur.data.series;

import io.recur.core.InvalidInputException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The linear autoregressive model of order τ with an intercept,
 * {@code x̂_t = b + Σ_{i=0}^{τ−1} w_i·x_{t−τ+i}} (weights oldest lag first, as in
 * {@link LagFeatures}), fitted in closed form: least squares over the training part's lag
 * examples by Householder QR, with a tiny ridge on the weights only if the lag matrix is
 * singular (a noise-free sine, a constant series). Predicts one step from any history of at
 * least τ values; {@link Forecasts} gives its k-step forecasts.
 *
 * @param weights {@code [τ]}
 * @param intercept b
 * @param ridge 0, or the ridge λ the fit needed (relative to each lag column's squared norm)
 */
public record LinearAr(double[] weights, double intercept, double ridge) implements OneStepPredictor {
  public LinearAr {
    weights = weights.clone();
    if (weights.length == 0 || !Arrays.stream(weights).allMatch(Double::isFinite) || !Double.isFinite(intercept)) {
      throw new IllegalArgumentException("an AR model needs τ >= 1 finite weights and a finite intercept (got "
          + Arrays.toString(weights) + ", " + intercept + ")");
    }
  }

  /**
   * Least squares on {@link LagFeatures#of LagFeatures.of(train, tau)}: {@code n − τ} examples
   * for {@code τ + 1} coefficients.
   *
   * @throws InvalidInputException unless {@code tau ≥ 1} and {@code train} has at least {@code 2τ + 1} values
   */
  public static LinearAr fit(double[] train, int tau) {
    if (tau < 1 || train.length < 2 * tau + 1) {
      throw new InvalidInputException("an autoregressive model of order τ = " + tau + " needs τ >= 1 and at least 2τ + 1 = "
          + (2 * tau + 1) + " training values (got " + train.length + "); pass a smaller --tau or a smaller --val-fraction");
    }
    LagFeatures lags = LagFeatures.of(train, tau);
    double[][] design = new double[lags.examples()][tau + 1];
    for (int j = 0; j < lags.examples(); j++) {
      design[j][0] = 1;
      System.arraycopy(lags.features()[j], 0, design[j], 1, tau);
    }
    LeastSquares.Solution solution = LeastSquares.solve(design, lags.labels(), 1);
    double[] b = solution.coefficients();
    return new LinearAr(Arrays.copyOfRange(b, 1, tau + 1), b[0], solution.ridge());
  }

  public int tau() {
    return weights.length;
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  /** @param lags {@code [τ]}: {@code x_{t−τ} … x_{t−1}} */
  public double predict(double[] lags) {
    if (lags.length != weights.length) {
      throw new IllegalArgumentException(lags.length + " lags for an AR model of order " + weights.length);
    }
    double sum = intercept;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i] * lags[i];
    }
    return sum;
  }

  @Override
  public double next(History history) {
    if (history.length() < weights.length) {
      throw new IllegalArgumentException("an AR model of order " + weights.length + " needs " + weights.length
          + " past values, not " + history.length());
    }
    return predict(history.tail(weights.length));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearAr m && Arrays.equals(weights, m.weights) && Double.compare(intercept, m.intercept) == 0
        && Double.compare(ridge, m.ridge) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(weights), intercept, ridge);
  }

  @Override
  public String toString() {
    return "LinearAr(weights " + Arrays.toString(weights) + ", intercept " + intercept + (ridge > 0 ? ", ridge " + ridge : "") + ")";
  }
}
