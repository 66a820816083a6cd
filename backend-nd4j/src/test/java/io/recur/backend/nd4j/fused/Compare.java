package io.recur.backend.nd4j.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole-array relative error: {@code max|actual − expected| / max(max|expected|, 1e-30)}. One
 * number per array, so that small entries (a saturated gate) do not dominate.
 */
final class Compare {
  private Compare() {}

  static double relativeError(double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length, "array lengths");
    double diff = 0;
    double scale = 0;
    for (int i = 0; i < expected.length; i++) {
      diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
      scale = Math.max(scale, Math.abs(expected[i]));
    }
    return diff / Math.max(scale, 1e-30);
  }

  static void assertClose(String what, double[] expected, double[] actual, double tolerance) {
    double err = relativeError(expected, actual);
    assertTrue(err <= tolerance, what + ": relative error " + err + " > " + tolerance);
  }
}
