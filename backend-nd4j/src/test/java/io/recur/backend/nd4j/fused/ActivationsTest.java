package io.recur.backend.nd4j.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rational tanh and the sigmoid built on it: accuracy over the float range, limits, and the array loops. */
class ActivationsTest {
  /** Dense samples of [-12, 12], tiny magnitudes down to 1e-30, and their negatives. */
  private static float[] samples() {
    int dense = 2_400_001;
    int tiny = 60_000;
    float[] x = new float[dense + 2 * tiny];
    for (int i = 0; i < dense; i++) {
      x[i] = -12f + 24f * i / (dense - 1);
    }
    for (int i = 0; i < tiny; i++) {
      float v = (float) Math.pow(10, -30 + 30.0 * i / tiny);
      x[dense + 2 * i] = v;
      x[dense + 2 * i + 1] = -v;
    }
    return x;
  }

  @Test
  void tanhIsWithinFourTenthMillionthsRelativeEverywhere() {
    double worst = 0;
    for (float x : samples()) {
      double exact = Math.tanh(x);
      double err = exact == 0 ? Math.abs(Activations.tanh(x)) : Math.abs(Activations.tanh(x) - exact) / Math.abs(exact);
      worst = Math.max(worst, err);
    }
    assertTrue(worst < 4e-7, "max relative error " + worst);
  }

  @Test
  void sigmoidIsWithinTwoTenthMillionthsAbsoluteEverywhere() {
    double worst = 0;
    for (float x : samples()) {
      worst = Math.max(worst, Math.abs(Activations.sigmoid(x) - 1 / (1 + Math.exp(-(double) x))));
    }
    assertTrue(worst < 2.5e-7, "max absolute error " + worst);
  }

  @Test
  void knownValues() {
    assertEquals(0.46211715726000974, Activations.tanh(0.5f), 2e-7);
    assertEquals(-0.9640275800758169, Activations.tanh(-2f), 4e-7);
    assertEquals(0.7310585786300049, Activations.sigmoid(1f), 2e-7);
    assertEquals(0.5f, Activations.sigmoid(0f));
    assertEquals(0f, Activations.tanh(0f));
  }

  @Test
  void saturatesExactlyAndIsOdd() {
    assertEquals(1f, Activations.tanh(9.5f));
    assertEquals(-1f, Activations.tanh(-1e30f));
    assertEquals(1f, Activations.tanh(Float.POSITIVE_INFINITY));
    assertEquals(1f, Activations.sigmoid(1e30f));
    assertEquals(0f, Activations.sigmoid(-1e30f));
    for (float x : samples()) {
      float t = Activations.tanh(x);
      assertTrue(t >= -1f && t <= 1f, "tanh(" + x + ") = " + t);
      assertEquals(-t, Activations.tanh(-x), "odd at " + x);
    }
  }

  @Test
  void nanPropagates() {
    assertTrue(Float.isNaN(Activations.tanh(Float.NaN)));
    assertTrue(Float.isNaN(Activations.sigmoid(Float.NaN)));
  }

  @Test
  void arrayLoopsApplyTheScalarFunctions() {
    Random r = new Random(1);
    float[] v = new float[300];
    float[] b = new float[300];
    float[] c = new float[300];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian() * 4;
      b[i] = (float) r.nextGaussian();
      c[i] = (float) r.nextGaussian();
    }
    float[] s = v.clone();
    Activations.sigmoidPlus(s, b, 200);
    float[] s3 = v.clone();
    Activations.sigmoidPlus(s3, b, c, 200);
    float[] t = v.clone();
    Activations.tanhPlus(t, b, 200);
    float[] u = new float[300];
    Activations.tanh(v, u, 250);
    for (int i = 0; i < v.length; i++) {
      assertEquals(i < 200 ? Activations.sigmoid(v[i] + b[i]) : v[i], s[i]);
      assertEquals(i < 200 ? Activations.sigmoid(v[i] + b[i] + c[i]) : v[i], s3[i]);
      assertEquals(i < 200 ? Activations.tanh(v[i] + b[i]) : v[i], t[i]);
      assertEquals(i < 250 ? Activations.tanh(v[i]) : 0f, u[i]);
    }
  }
}
