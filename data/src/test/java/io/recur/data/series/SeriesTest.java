package io.recur.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.recur.core.InvalidInputException;
import io.recur.core.util.Rng;
import org.junit.jupiter.api.Test;

class SeriesTest {
  @Test
  void withoutNoiseTheSeriesIsSinOfOneHundredthOfTFromOne() {
    double[] x = SineSeries.generate(1000, 0, new Rng(0));
    assertEquals(1000, x.length);
    assertEquals(Math.sin(0.01), x[0], 0);
    assertEquals(Math.sin(10.0), x[999], 0);
  }

  @Test
  void theNoiseHasMeanZeroAndStandardDeviationPointTwo() {
    int n = 200_000;
    double[] x = SineSeries.generate(n, new Rng(3));
    double sum = 0;
    double sumSq = 0;
    for (int t = 1; t <= n; t++) {
      double e = x[t - 1] - Math.sin(0.01 * t);
      sum += e;
      sumSq += e * e;
    }
    double mean = sum / n;
    double var = sumSq / n - mean * mean;
    // standard errors: mean 0.2/√n ≈ 4.5e-4; variance 0.04·√(2/n) ≈ 1.3e-4
    assertEquals(0, mean, 2.5e-3);
    assertEquals(0.04, var, 1e-3);
  }

  @Test
  void theSameSeedGivesTheSameSeries() {
    assertArrayEquals(SineSeries.generate(50, new Rng(9)), SineSeries.generate(50, new Rng(9)));
  }

  @Test
  void lagFeaturesAreTheTauPreviousValuesAndTheLabelIsTheNext() {
    double[] x = {10, 11, 12, 13, 14, 15};
    LagFeatures f = LagFeatures.of(x, 4);
    // T - τ = 2 examples: [10 11 12 13] → 14, [11 12 13 14] → 15
    assertEquals(2, f.examples());
    assertArrayEquals(new double[][] {{10, 11, 12, 13}, {11, 12, 13, 14}}, f.features());
    assertArrayEquals(new double[] {14, 15}, f.labels());
  }

  @Test
  void theTextbooksShapesForTOneThousandAndTauFour() {
    double[] x = SineSeries.generate(1000, new Rng(1));
    LagFeatures f = LagFeatures.of(x, 4);
    assertEquals(996, f.features().length);
    assertEquals(4, f.features()[0].length);
    assertEquals(x[999], f.labels()[995], 0);
    assertEquals(x[995], f.features()[995][0], 0);
  }

  @Test
  void badArgumentsAreRefused() {
    assertEquals("tau must be in [1, 5] for a series of 6 values (got 6); pass --tau N",
        assertThrows(InvalidInputException.class, () -> LagFeatures.of(new double[6], 6)).getMessage());
    assertThrows(InvalidInputException.class, () -> LagFeatures.of(new double[6], 0));
    assertThrows(InvalidInputException.class, () -> SineSeries.generate(0, new Rng(0)));
    assertThrows(InvalidInputException.class, () -> SineSeries.generate(5, -0.1, new Rng(0)));
  }
}
