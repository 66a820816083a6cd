package io.recur.backend.onnx;

import io.recur.core.InvalidInputException;

/**
 * How an export is checked: a probe batch of {@code batch} rows × {@code steps} random tokens
 * (from {@code seed}) runs on ONNX Runtime and on the source, and the largest absolute
 * difference of the logits is measured. With {@code enforce}, a difference above
 * {@code threshold} (or a NaN) fails the export and no file is written.
 */
public record Verification(int batch, int steps, long seed, double threshold, boolean enforce) {
  /** The default threshold for exported logits, {@value}. */
  public static final double THRESHOLD = 1e-4;

  public Verification {
    if (batch <= 0 || steps <= 0) {
      throw new InvalidInputException("the probe batch needs rows and steps > 0 (got " + batch + " × " + steps + ")");
    }
    if (!(threshold >= 0)) {
      throw new InvalidInputException("the verification threshold must be >= 0 (got " + threshold + ")");
    }
  }

  /** 4 rows × 32 steps, failing above {@link #THRESHOLD}. */
  public static Verification standard() {
    return new Verification(4, 32, 20_240_601L, THRESHOLD, true);
  }

  /** The same probe, measured and reported but never failing. */
  public Verification reportOnly() {
    return new Verification(batch, steps, seed, threshold, false);
  }

  public Verification withThreshold(double t) {
    return new Verification(batch, steps, seed, t, enforce);
  }
}
