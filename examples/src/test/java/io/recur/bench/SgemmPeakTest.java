package io.recur.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

class SgemmPeakTest {
  @Test
  void theTimedCallMultipliesColumnMajorMatrices() {
    // A = [[1, 2, 3], [4, 5, 6]] (2×3), B = [[1, 0], [0, 1], [1, 1]] (3×2), column-major
    try (FloatPointer a = new FloatPointer(1, 4, 2, 5, 3, 6); FloatPointer b = new FloatPointer(1, 0, 1, 0, 1, 1);
        FloatPointer c = new FloatPointer(4)) {
      SgemmPeak.multiply(2, 2, 3, a, b, c);
      float[] product = new float[4];
      c.get(product);
      assertArrayEquals(new float[] {4, 10, 5, 11}, product, 0f, "A·B = [[4, 5], [10, 11]]");
    }
  }

  @Test
  void measuresAPositiveRate() {
    double gflops = SgemmPeak.gflops(1, 0.2);
    assertTrue(gflops > 0 && Double.isFinite(gflops), "GFLOP/s " + gflops);
  }
}
