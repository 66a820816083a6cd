package io.recur.core.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.recur.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class BatchAndSequenceTest {
  @Test
  void batchIsLaidOutTimeMajor() {
    Batch b = new Batch(new int[][] {{1, 2, 3}, {4, 5, 6}}, new int[][] {{2, 3, 4}, {5, 6, 7}}, true);
    assertEquals(2, b.batchSize());
    assertEquals(3, b.steps());
    assertEquals(6, b.tokens());
    assertArrayEquals(new int[] {1, 4, 2, 5, 3, 6}, b.inputsTimeMajor());
    assertArrayEquals(new int[] {2, 5, 3, 6, 4, 7}, b.targetsTimeMajor());
  }

  @Test
  void raggedBatchesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Batch(new int[][] {{1, 2}, {3}}, new int[][] {{1, 2}, {3}}, true));
    assertThrows(IllegalArgumentException.class, () -> new Batch(new int[0][], new int[0][], true));
  }

  @Test
  void splitTailCutsAtTheFloorOfTheFraction() {
    Sequence s = Sequence.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    Sequence[] parts = s.splitTail(0.1);
    assertEquals(9, parts[0].length()); // floor(11 · 0.9) = 9, as int(len * (1 - f)) in the PyTorch peer
    assertArrayEquals(new int[] {9, 10}, parts[1].toArray());
    assertEquals(11, s.splitTail(0)[0].length());
    assertThrows(InvalidInputException.class, () -> s.splitTail(1.0));
  }
}
