package io.recur.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.recur.core.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesSplitAndScalerTest {
  @Test
  void splitTailHoldsOutTheRoundedFractionWithItsLabels() {
    Series.Split sine = new Series("sine", new double[1000]).splitTail(0.4);
    assertEquals(600, sine.index());
    assertEquals(400, sine.test().length());
    assertEquals(1827, new Series("co2", new double[2284]).splitTail(0.2).index()); // 456.8 → 457 held out
    Series s = new Series("s", new double[] {1, 2, 3, 4}, List.of("a", "b", "c", "d"));
    Series.Split at = s.splitAt(3);
    assertArrayEquals(new double[] {1, 2, 3}, at.train().values());
    assertEquals(List.of("d"), at.test().labels());
    assertEquals("s", at.test().name());
  }

  @Test
  void badSplitsAreRefused() {
    Series s = new Series("s", new double[] {1, 2, 3});
    assertEquals("held-out fraction must be in (0, 1) (got 1.0); pass --val-fraction F",
        assertThrows(InvalidInputException.class, () -> s.splitTail(1)).getMessage());
    assertEquals("held-out fraction 0.1 of a series of 3 values holds out 0; both parts need at least one value; pass a larger "
        + "--val-fraction", assertThrows(InvalidInputException.class, () -> s.splitTail(0.1)).getMessage());
    assertThrows(InvalidInputException.class, () -> s.splitTail(0.9));
    assertThrows(InvalidInputException.class, () -> s.splitAt(3));
    assertThrows(InvalidInputException.class, () -> new Series("s", new double[] {1, Double.NaN}));
    assertThrows(IllegalArgumentException.class, () -> new Series("s", new double[] {1}, List.of("a", "b")));
  }

  @Test
  void aSeriesIsImmutableAndComparesByValue() {
    double[] v = {1, 2};
    Series s = new Series("s", v);
    v[0] = 9;
    s.values()[1] = 9;
    assertArrayEquals(new double[] {1, 2}, s.values());
    assertEquals(new Series("s", new double[] {1, 2}), s);
  }

  @Test
  void theScalerStandardisesWithTheTrainingPartsMeanAndStd() {
    Scaler scaler = Scaler.fit(new double[] {1, 2, 3, 4});
    assertEquals(2.5, scaler.mean(), 1e-15);
    assertEquals(Math.sqrt(1.25), scaler.std(), 1e-15); // population std
    double[] held = {10, -3};
    assertArrayEquals(new double[] {7.5 / Math.sqrt(1.25), -5.5 / Math.sqrt(1.25)}, scaler.transform(held), 1e-12);
    assertArrayEquals(held, scaler.inverse(scaler.transform(held)), 1e-12);
    // two doubles: what a checkpoint stores restores the same scaler
    assertEquals(scaler, new Scaler(scaler.mean(), scaler.std()));
  }

  @Test
  void aConstantTrainingPartIsOnlyShifted() {
    Scaler scaler = Scaler.fit(new double[] {5, 5, 5});
    assertEquals(new Scaler(5, 1), scaler);
    assertEquals(2, scaler.transform(7), 0);
    assertThrows(InvalidInputException.class, () -> new Scaler(0, 0));
    assertThrows(InvalidInputException.class, () -> new Scaler(Double.NaN, 1));
    assertThrows(InvalidInputException.class, () -> Scaler.fit(new double[0]));
  }
}
