package io.recur.backend.nd4j.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The row arithmetic of the output kernel: exp accuracy over its whole range, the floor, NaN, the maximum and the sum. */
class SoftmaxRowsTest {
  @Test
  void expIsWithinOneTenthMillionthRelativeOnItsRange() {
    int n = 2_000_001;
    float[] z = new float[n];
    float[] e = new float[n];
    for (int i = 0; i < n; i++) {
      z[i] = -87f * i / (n - 1);
    }
    float[] x = z.clone();
    SoftmaxRows.exp(z, 0f, e, n);
    double worst = 0;
    for (int i = 0; i < n; i++) {
      double exact = Math.exp(x[i]);
      worst = Math.max(worst, Math.abs(e[i] - exact) / exact);
    }
    assertTrue(worst < 1e-7, "max relative error " + worst);
  }

  @Test
  void expShiftsClampsAndCarriesNaN() {
    float[] z = {3f, 1f, -200f, Float.NaN, Float.NEGATIVE_INFINITY};
    float[] e = new float[5];
    SoftmaxRows.exp(z, 3f, e, 5);
    assertEquals(1f, e[0], 0f);
    assertEquals(Math.exp(-2), e[1], 1e-7 * Math.exp(-2));
    assertEquals(Math.exp(-87), e[2], 1e-7 * Math.exp(-87));
    assertTrue(Float.isNaN(e[3]));
    assertEquals(Math.exp(-87), e[4], 1e-7 * Math.exp(-87));
    assertTrue(Double.isNaN(SoftmaxRows.sum(e, 5)));
  }

  @Test
  void addAndMaxAndSum() {
    float[] z = {1f, -2f, 5f, 0.5f, 2f, 2f, 2f, 2f, 2f, 7f, 1f};
    float[] b = {0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, -3f, 0f};
    assertEquals(5f, SoftmaxRows.addAndMax(z, b, z.length));
    assertEquals(4f, z[9]);
    assertEquals(1 - 2 + 5 + 0.5 + 2 * 5 + 4 + 1, SoftmaxRows.sum(z, z.length), 1e-6);
    SoftmaxRows.scale(z, 2f, z.length);
    assertEquals(10f, z[2]);
  }
}
