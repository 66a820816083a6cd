package io.recur.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.util.Rng;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LinearArTest {
  @Test
  void orderOneByHand() {
    // pairs (1→2) (2→4) (4→3) (3→5): x̄ = 2.5, ȳ = 3.5, Sxy = 2, Sxx = 5, so w = 0.4 and b = 3.5 − 0.4·2.5 = 2.5
    LinearAr m = LinearAr.fit(new double[] {1, 2, 4, 3, 5}, 1);
    assertArrayEquals(new double[] {0.4}, m.weights(), 1e-14);
    assertEquals(2.5, m.intercept(), 1e-14);
    assertEquals(0, m.ridge());
    assertEquals(2.5 + 0.4 * 5, m.next(History.of(new double[] {1, 2, 4, 3, 5})), 1e-14);
  }

  @Test
  void anExactSecondOrderRecurrenceIsRecovered() {
    // x_t = m + A·sin(ωt) obeys x_t = m(2 − 2cos ω) − x_{t−2} + 2cos ω · x_{t−1} exactly
    double omega = 0.3;
    double[] x = IntStream.range(0, 50).mapToDouble(t -> 5 + 2 * Math.sin(omega * t)).toArray();
    LinearAr m = LinearAr.fit(x, 2);
    assertArrayEquals(new double[] {-1, 2 * Math.cos(omega)}, m.weights(), 1e-10);
    assertEquals(5 * (2 - 2 * Math.cos(omega)), m.intercept(), 1e-9);
    assertEquals(0, m.ridge());
  }

  @Test
  void oneStepPredictionsOverTheObservedHistoryAreTheModelOnEachLagExample() {
    double[] x = SineSeries.generate(100, new Rng(2));
    LinearAr m = LinearAr.fit(x, 3);
    LagFeatures lags = LagFeatures.of(x, 3);
    double[] oneStep = Forecasts.run(x, 3, 1, m).predictions(1); // origins τ … T−1
    assertEquals(lags.examples(), oneStep.length);
    for (int j = 0; j < lags.examples(); j++) {
      assertEquals(m.predict(lags.features()[j]), oneStep[j], 0);
    }
  }

  @Test
  void theClosedFormEqualsGradientDescentRunToConvergence() {
    double[] x = Arrays.copyOf(SineSeries.generate(1000, new Rng(5)), 600);
    int tau = 4;
    LinearAr closed = LinearAr.fit(x, tau);
    double[] gd = gradientDescent(LagFeatures.of(x, tau));
    assertEquals(gd[0], closed.intercept(), 1e-9);
    assertArrayEquals(Arrays.copyOfRange(gd, 1, tau + 1), closed.weights(), 1e-9);
  }

  /** Minimises the mean squared error over (1, features) by full-batch gradient descent with step 1/L until it stops moving. */
  private static double[] gradientDescent(LagFeatures data) {
    int m = data.examples();
    int p = data.tau() + 1;
    double[][] a = new double[m][p];
    for (int j = 0; j < m; j++) {
      a[j][0] = 1;
      System.arraycopy(data.features()[j], 0, a[j], 1, data.tau());
    }
    double[][] gram = new double[p][p]; // AᵀA / m
    double[] aty = new double[p];
    for (int j = 0; j < m; j++) {
      for (int r = 0; r < p; r++) {
        aty[r] += a[j][r] * data.labels()[j] / m;
        for (int c = 0; c < p; c++) {
          gram[r][c] += a[j][r] * a[j][c] / m;
        }
      }
    }
    double[] v = new double[p];
    Arrays.fill(v, 1);
    double largest = 0;
    for (int i = 0; i < 200; i++) { // power iteration for the largest eigenvalue L
      double[] w = times(gram, v);
      largest = Math.sqrt(Arrays.stream(w).map(e -> e * e).sum());
      for (int r = 0; r < p; r++) {
        v[r] = w[r] / largest;
      }
    }
    double[] b = new double[p];
    for (int step = 0; step < 5_000_000; step++) {
      double[] grad = times(gram, b);
      double moved = 0;
      for (int r = 0; r < p; r++) {
        double delta = (grad[r] - aty[r]) / largest;
        b[r] -= delta;
        moved = Math.max(moved, Math.abs(delta));
      }
      if (moved < 1e-15) {
        return b;
      }
    }
    throw new AssertionError("gradient descent did not converge");
  }

  private static double[] times(double[][] matrix, double[] v) {
    double[] out = new double[v.length];
    for (int r = 0; r < v.length; r++) {
      for (int c = 0; c < v.length; c++) {
        out[r] += matrix[r][c] * v[c];
      }
    }
    return out;
  }

  @Test
  void theTextbooksSineOneStepNearTheFloorAndKStepErrorGrowingWithK() {
    double[] x = SineSeries.generate(1000, new Rng(42));
    LinearAr m = LinearAr.fit(Arrays.copyOf(x, 600), 4);
    Forecast f = Forecasts.run(x, 600, 64, m);
    double oneStep = f.score(1, 1).mse();
    assertTrue(oneStep > 0.04 && oneStep < 0.06, "1-step MSE " + oneStep);
    double previous = oneStep;
    for (int k : new int[] {4, 16, 64}) {
      double mse = f.score(k, 1).mse();
      assertTrue(mse > previous, "k = " + k + ": " + mse + " after " + previous);
      previous = mse;
    }
  }

  @Test
  void forecastsFromAnOriginIgnoreEveryValueAtOrAfterIt() {
    double[] x = SineSeries.generate(1000, new Rng(42));
    int cut = 700;
    double[] garbled = x.clone();
    for (int t = cut; t < garbled.length; t++) {
      garbled[t] = 1e6 * Math.cos(t);
    }
    LinearAr m = LinearAr.fit(Arrays.copyOf(x, 600), 4);
    Forecast clean = Forecasts.run(x, 600, 64, m);
    Forecast dirty = Forecasts.run(garbled, 600, 64, m);
    assertTrue(agreeFromOriginsUpTo(cut, clean, dirty));
    int after = cut + 1 - 600; // origin cut + 1 sees x[cut]
    assertNotEquals(clean.predictions(1)[after], dirty.predictions(1)[after]);
    // a predictor that peeks at the series itself is caught by the same comparison
    OneStepPredictor peekClean = h -> x[h.length()];
    OneStepPredictor peekDirty = h -> garbled[h.length()];
    assertFalse(agreeFromOriginsUpTo(cut, Forecasts.run(x, 600, 64, peekClean), Forecasts.run(garbled, 600, 64, peekDirty)));
  }

  /** Whether the forecasts from origins 600 … cut agree at every horizon. */
  private static boolean agreeFromOriginsUpTo(int cut, Forecast a, Forecast b) {
    for (int k = 1; k <= a.maxHorizon(); k++) {
      int origins = Math.min(cut - a.firstOrigin() + 1, a.predictions(k).length);
      if (!Arrays.equals(Arrays.copyOf(a.predictions(k), origins), Arrays.copyOf(b.predictions(k), origins))) {
        return false;
      }
    }
    return true;
  }

  @Test
  void aSingularLagMatrixGetsATinyRidge() {
    // a noise-free sine has rank 3 in 5 columns (its lags obey a 2-term recurrence)
    double[] x = SineSeries.generate(1000, 0, new Rng(0));
    LinearAr m = LinearAr.fit(Arrays.copyOf(x, 600), 4);
    assertEquals(LeastSquares.RIDGE, m.ridge());
    Forecast f = Forecasts.run(x, 600, 64, m);
    assertTrue(f.score(1, 1).mse() < 1e-12, "1-step MSE " + f.score(1, 1).mse());
    assertTrue(f.score(64, 1).mse() < 1e-6, "64-step MSE " + f.score(64, 1).mse());
    // a constant series is predicted as that constant
    LinearAr flat = LinearAr.fit(new double[] {3, 3, 3, 3, 3, 3, 3}, 2);
    assertEquals(3, flat.next(History.of(new double[] {3, 3})), 1e-9);
  }

  @Test
  void tooShortATrainingPartIsRefused() {
    assertEquals("an autoregressive model of order τ = 4 needs τ >= 1 and at least 2τ + 1 = 9 training values (got 8); pass a "
        + "smaller --tau or a smaller --val-fraction",
        assertThrows(InvalidInputException.class, () -> LinearAr.fit(new double[8], 4)).getMessage());
    assertThrows(InvalidInputException.class, () -> LinearAr.fit(new double[8], 0));
    LinearAr m = LinearAr.fit(new double[] {1, 2, 4, 3, 5}, 1);
    assertThrows(IllegalArgumentException.class, () -> m.next(History.of(new double[0])));
  }
}
