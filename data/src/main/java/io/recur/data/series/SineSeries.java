package io.recur.data.series;

import io.recur.core.InvalidInputException;
import io.recur.core.util.Rng;

/**
 * The synthetic series of <i>Dive into Deep Learning</i> §8.1: {@code x_t = sin(0.01·t) + ε_t}
 * for {@code t = 1 … T}, with independent Gaussian noise {@code ε_t ~ N(0, σ²)}, σ = 0.2 by
 * default (a standard deviation, so the noise variance is 0.04).
 */
public final class SineSeries {
  /** The textbook's noise standard deviation. */
  public static final double NOISE_STD = 0.2;

  private SineSeries() {}

  /** {@code generate(length, NOISE_STD, rng)}. */
  public static double[] generate(int length, Rng rng) {
    return generate(length, NOISE_STD, rng);
  }

  /**
   * @return {@code x[t − 1] = sin(0.01·t) + noiseStd·z_t} for {@code t = 1 … length}, where
   *     {@code z_t} are standard normal draws from {@code rng}, in order
   */
  public static double[] generate(int length, double noiseStd, Rng rng) {
    if (length <= 0) {
      throw new InvalidInputException("series length must be > 0 (got " + length + "); pass a positive length");
    }
    if (!(noiseStd >= 0 && Double.isFinite(noiseStd))) {
      throw new InvalidInputException("noise standard deviation must be >= 0 (got " + noiseStd + ")");
    }
    double[] x = new double[length];
    for (int t = 1; t <= length; t++) {
      x[t - 1] = Math.sin(0.01 * t) + noiseStd * rng.nextGaussian();
    }
    return x;
  }
}
