package io.recur.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class DataParallelTest {
  private static int[] rounds(int averageEvery, int steps) {
    return new DataParallel(2, averageEvery).rounds(steps);
  }

  @Test
  void anEpochIsCutIntoRoundsOfAboutKStepsEndingAtItsEnd() {
    assertArrayEquals(new int[] {0, 69}, rounds(50, 69), "one round of 69, not 50 + 19");
    assertArrayEquals(new int[] {0, 46, 92, 138}, rounds(50, 138));
    assertArrayEquals(new int[] {0, 37, 75}, rounds(50, 75), "halfway rounds up");
    assertArrayEquals(new int[] {0, 74}, rounds(50, 74));
    assertArrayEquals(new int[] {0, 9, 19, 29, 39, 49, 59, 69}, rounds(10, 69));
    assertArrayEquals(new int[] {0, 50, 100}, rounds(50, 100), "K dividing the epoch gives rounds of exactly K");
  }

  @Test
  void oneStepRoundsAreSynchronousAndAShortEpochIsOneRound() {
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, rounds(1, 5));
    assertArrayEquals(new int[] {0, 7}, rounds(50, 7));
    assertArrayEquals(new int[] {0, 1}, rounds(1000, 1));
  }
}
