package io.recur.data.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Sequence;
import java.util.List;
import java.util.stream.IntStream;

/** The stream 0..34 and a comparison of batches against arrays written out by hand. */
final class PartitionAssertions {
  /** Token i has id i, so every id in a batch is its position in the stream. */
  static final Sequence STREAM = Sequence.of(IntStream.range(0, 35).toArray());

  private PartitionAssertions() {}

  /** {@code expected[k]} is batch k's inputs; targets are every input plus one. */
  static void assertBatches(int[][][] expected, boolean[] reset, List<Batch> actual) {
    assertEquals(expected.length, actual.size(), "number of batches");
    for (int k = 0; k < expected.length; k++) {
      Batch b = actual.get(k);
      assertArrayEquals(expected[k], b.inputs(), "inputs of batch " + k);
      assertArrayEquals(plusOne(expected[k]), b.targets(), "targets of batch " + k);
      assertEquals(reset[k], b.resetState(), "resetState of batch " + k);
    }
  }

  static int[][] plusOne(int[][] rows) {
    int[][] out = new int[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      out[r] = IntStream.of(rows[r]).map(i -> i + 1).toArray();
    }
    return out;
  }
}
