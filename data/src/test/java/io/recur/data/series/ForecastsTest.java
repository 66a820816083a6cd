package io.recur.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ForecastsTest {
  private static final double[] RAMP = IntStream.range(0, 10).asDoubleStream().toArray();

  @Test
  void eachHorizonScoresTheOriginsFromTheFirstToTMinusK() {
    // T = 10, n = 6, K = 3: horizon k scores origins 6 … 10−k, targets x[6+k−1 … 9]
    Forecast f = Forecasts.run(RAMP, 6, 3, Baselines.naive());
    assertEquals(3, f.maxHorizon());
    assertArrayEquals(new double[] {6, 7, 8, 9}, f.actual(1));
    assertArrayEquals(new double[] {7, 8, 9}, f.actual(2));
    assertArrayEquals(new double[] {8, 9}, f.actual(3));
    assertEquals(8, f.firstTarget(3));
    // naive: every horizon gets x[o − 1]
    assertArrayEquals(new double[] {5, 6, 7, 8}, f.predictions(1));
    assertArrayEquals(new double[] {5, 6, 7}, f.predictions(2));
    assertArrayEquals(new double[] {5, 6}, f.predictions(3));
    assertEquals(List.of(4, 3, 2), f.scores(1).stream().map(HorizonScore::count).toList());
  }

  @Test
  void predictionsAreFedBackAndOnlyPredictionsFollowTheOrigin() {
    List<String> seen = new ArrayList<>();
    OneStepPredictor lastPlusOne = h -> {
      seen.add(h.origin() + "+" + (h.length() - h.origin()));
      assertThrows(IndexOutOfBoundsException.class, () -> h.get(h.length()));
      return h.get(h.length() - 1) + 1;
    };
    Forecast f = Forecasts.run(RAMP, 7, 3, lastPlusOne);
    // on a ramp, "last + 1" fed back is exact at every horizon, so fed-back values are its own predictions
    for (int k = 1; k <= 3; k++) {
      assertArrayEquals(f.actual(k), f.predictions(k));
      assertEquals(0, f.score(k, 1).mse());
    }
    // step 1 from every origin, then step 2 from origins 7, 8, then step 3 from origin 7
    assertEquals(List.of("7+0", "8+0", "9+0", "7+1", "8+1", "7+2"), seen);
  }

  @Test
  void aPredictorCannotSeeHeldOutValues() {
    assertThrows(IndexOutOfBoundsException.class, () -> Forecasts.run(RAMP, 5, 2, h -> h.get(h.length())));
    History h = History.of(new double[] {1, 2, 3});
    assertArrayEquals(new double[] {2, 3}, h.tail(2));
    assertThrows(IndexOutOfBoundsException.class, () -> h.tail(4));
    assertEquals(30, h.map(v -> 10 * v).get(2));
  }

  @Test
  void seasonalNaiveFedBackIsTheValueFromTheLastObservedSeason() {
    double[] x = IntStream.range(0, 40).mapToDouble(t -> t * t % 17).toArray();
    int season = 4;
    int n = 20;
    Forecast f = Forecasts.run(x, n, 10, Baselines.seasonalNaive(season));
    for (int k = 1; k <= 10; k++) {
      double[] p = f.predictions(k);
      for (int i = 0; i < p.length; i++) {
        int target = n + i + k - 1;
        int steps = (k + season - 1) / season; // ⌈k/S⌉
        assertEquals(x[target - season * steps], p[i], 0, "k = " + k + ", origin " + (n + i));
      }
    }
  }

  @Test
  void batchedAndOneAtATimePredictionsAgree() {
    double[] x = IntStream.range(0, 30).mapToDouble(t -> Math.sin(t) + 0.1 * t).toArray();
    OneStepPredictor single = h -> 0.5 * h.get(h.length() - 1) + 0.3 * h.get(h.length() - 2) + 0.1;
    List<Integer> batchSizes = new ArrayList<>();
    OneStepPredictor batched = new OneStepPredictor() {
      @Override
      public double next(History history) {
        throw new AssertionError("the batched path is used");
      }

      @Override
      public double[] next(List<History> histories) {
        batchSizes.add(histories.size());
        return histories.stream().mapToDouble(single::next).toArray();
      }
    };
    Forecast a = Forecasts.run(x, 20, 5, single);
    Forecast b = Forecasts.run(x, 20, 5, batched);
    for (int k = 1; k <= 5; k++) {
      assertArrayEquals(a.predictions(k), b.predictions(k), 0);
    }
    assertEquals(List.of(10, 9, 8, 7, 6), batchSizes);
  }

  @Test
  void metricsByHand() {
    double[] predicted = {1, 2, 3};
    double[] actual = {2, 2, 5};
    assertEquals(5.0 / 3, Metrics.mse(predicted, actual), 1e-15);
    assertEquals(1, Metrics.mae(predicted, actual), 1e-15);
    double[] train = {1, 3, 2, 6};
    assertEquals(7.0 / 3, Metrics.maseScale(train, 1), 1e-15); // (2 + 1 + 4) / 3
    assertEquals(2, Metrics.maseScale(train, 2), 1e-15); // (|2 − 1| + |6 − 3|) / 2
    // MASE = MAE / scale; the naive forecast on the ramp is off by k at horizon k
    Forecast f = Forecasts.run(RAMP, 6, 2, Baselines.naive());
    assertEquals(new HorizonScore(2, 3, 4, 2, 0.5), f.score(2, 4));
    assertTrue(Double.isNaN(f.score(1, 0).mase()));
  }

  @Test
  void badHorizonsOriginsAndSeasonsAreRefused() {
    assertEquals("horizon must be in [1, 4] for 4 forecast origins (got 0); pass --horizon K with K in that range",
        assertThrows(InvalidInputException.class, () -> Forecasts.run(RAMP, 6, 0, Baselines.naive())).getMessage());
    assertThrows(InvalidInputException.class, () -> Forecasts.run(RAMP, 6, 5, Baselines.naive()));
    assertThrows(InvalidInputException.class, () -> Forecasts.run(RAMP, 10, 1, Baselines.naive()));
    assertThrows(InvalidInputException.class, () -> Forecasts.run(RAMP, 0, 1, Baselines.naive()));
    assertThrows(InvalidInputException.class, () -> Baselines.seasonalNaive(0));
    assertEquals("a season of 4 needs more than 4 training values (got 4); pass a smaller --season or a smaller "
        + "--val-fraction", assertThrows(InvalidInputException.class, () -> Metrics.maseScale(new double[4], 4)).getMessage());
  }

  @Test
  void aModelOfScaledValuesForecastsInOriginalUnits() {
    double[] x = IntStream.range(0, 200).mapToDouble(t -> 300 + 0.05 * t + 3 * Math.sin(t / 8.0) + Math.cos(t * 1.7)).toArray();
    double[] train = java.util.Arrays.copyOf(x, 150);
    Scaler scaler = Scaler.fit(train);
    LinearAr raw = LinearAr.fit(train, 5);
    LinearAr scaled = LinearAr.fit(scaler.transform(train), 5);
    // least squares with an intercept commutes with an affine map of the data
    Forecast direct = Forecasts.run(x, 150, 20, raw);
    Forecast viaScaler = Forecasts.run(x, 150, 20, scaler.inOriginalUnits(scaled));
    for (int k = 1; k <= 20; k++) {
      assertArrayEquals(direct.predictions(k), viaScaler.predictions(k), 1e-8, "k = " + k);
    }
    assertEquals(raw.next(History.of(train)), scaler.inOriginalUnits(scaled).next(History.of(train)), 1e-8);
  }
}
