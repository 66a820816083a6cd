package io.recur.core.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RngTest {
  @Test
  void sameSeedSameStream() {
    Rng a = new Rng(42);
    Rng b = new Rng(42);
    for (int i = 0; i < 100; i++) {
      assertEquals(a.nextLong(), b.nextLong());
    }
  }

  @Test
  void forkDoesNotAdvanceAndDependsOnLabel() {
    Rng a = new Rng(7);
    long first = new Rng(7).nextLong();
    Rng f1 = a.fork("partition");
    Rng f2 = a.fork("dropout");
    assertEquals(first, a.nextLong(), "fork must not advance the parent");
    assertNotEquals(f1.nextLong(), f2.nextLong());
    assertEquals(new Rng(7).fork(3).nextLong(), new Rng(7).fork(3).nextLong());
    assertNotEquals(new Rng(7).fork(3).nextLong(), new Rng(7).fork(4).nextLong());
  }

  @Test
  void nextIntIsInRangeAndRoughlyUniform() {
    Rng r = new Rng(1);
    int[] counts = new int[10];
    for (int i = 0; i < 100_000; i++) {
      counts[r.nextInt(10)]++;
    }
    for (int c : counts) {
      assertTrue(Math.abs(c - 10_000) < 500, "bucket count " + c + " is far from 10000: " + Arrays.toString(counts));
    }
    for (int i = 0; i < 1000; i++) {
      int v = r.nextInt(3, 5);
      assertTrue(v >= 3 && v <= 5);
    }
    assertThrows(IllegalArgumentException.class, () -> r.nextInt(0));
  }

  @Test
  void doublesAndGaussiansHaveTheRightMoments() {
    Rng r = new Rng(3);
    int n = 200_000;
    double sum = 0;
    double sumSq = 0;
    double usum = 0;
    for (int i = 0; i < n; i++) {
      double g = r.nextGaussian();
      sum += g;
      sumSq += g * g;
      double u = r.nextDouble();
      assertTrue(u >= 0 && u < 1);
      usum += u;
    }
    assertEquals(0, sum / n, 0.01);
    assertEquals(1, sumSq / n, 0.01);
    assertEquals(0.5, usum / n, 0.005);
  }

  @Test
  void shuffleIsADeterministicPermutation() {
    int[] a = new int[50];
    Arrays.setAll(a, i -> i);
    int[] b = a.clone();
    new Rng(9).shuffle(a);
    new Rng(9).shuffle(b);
    assertArrayEquals(a, b);
    int[] sorted = a.clone();
    Arrays.sort(sorted);
    int[] expected = new int[50];
    Arrays.setAll(expected, i -> i);
    assertArrayEquals(expected, sorted);
    assertNotEquals(Arrays.toString(expected), Arrays.toString(a));
  }
}
