package io.recur.data.series;

import io.recur.core.InvalidInputException;

/**
 * A series as supervised examples for an autoregressive model of order τ: example {@code j}
 * (of {@code T − τ}) has features {@code x[j], …, x[j+τ−1]} — that is {@code x_{t−τ} … x_{t−1}}
 * — and label {@code x[j+τ] = x_t}, for {@code t = j + τ} (0-based).
 *
 * @param features {@code [T − τ][τ]}
 * @param labels {@code [T − τ]}
 */
public record LagFeatures(int tau, double[][] features, double[] labels) {
  public LagFeatures {
    if (features.length != labels.length) {
      throw new IllegalArgumentException(features.length + " feature rows but " + labels.length + " labels");
    }
    for (double[] row : features) {
      if (row.length != tau) {
        throw new IllegalArgumentException("a feature row has " + row.length + " values, not tau = " + tau);
      }
    }
  }

  /** @throws InvalidInputException unless {@code 1 ≤ tau < series.length} */
  public static LagFeatures of(double[] series, int tau) {
    if (tau < 1 || tau >= series.length) {
      throw new InvalidInputException("tau must be in [1, " + (series.length - 1) + "] for a series of " + series.length
          + " values (got " + tau + "); pass --tau N");
    }
    int examples = series.length - tau;
    double[][] features = new double[examples][tau];
    double[] labels = new double[examples];
    for (int j = 0; j < examples; j++) {
      System.arraycopy(series, j, features[j], 0, tau);
      labels[j] = series[j + tau];
    }
    return new LagFeatures(tau, features, labels);
  }

  /** {@code T − τ}. */
  public int examples() {
    return labels.length;
  }
}
