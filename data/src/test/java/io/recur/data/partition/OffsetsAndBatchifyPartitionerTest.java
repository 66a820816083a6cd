package io.recur.data.partition;

import static io.recur.data.partition.PartitionAssertions.STREAM;
import static io.recur.data.partition.PartitionAssertions.assertBatches;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.recur.core.InvalidInputException;
import io.recur.core.sequence.Batch;
import io.recur.core.util.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

class OffsetsAndBatchifyPartitionerTest {
  @Test
  void offsetsStartRowsAtEqualSpacingAndWrapAround() {
    // L = 35, B = 2: row offsets ⌊0·35/2⌋ = 0 and ⌊1·35/2⌋ = 17; ⌈35 / (2·5)⌉ = 4 batches.
    // Row 1 of batch 3 reads 32, 33, 34, then wraps to 0, 1 (targets 33, 34, 0, 1, 2).
    List<Batch> e = new OffsetsPartitioner().epoch(STREAM, 2, 5, new Rng(0));
    assertEquals(4, e.size());
    int[][][] inputs = {
        {{0, 1, 2, 3, 4}, {17, 18, 19, 20, 21}},
        {{5, 6, 7, 8, 9}, {22, 23, 24, 25, 26}},
        {{10, 11, 12, 13, 14}, {27, 28, 29, 30, 31}},
    };
    assertBatches(inputs, new boolean[] {true, false, false}, e.subList(0, 3));
    assertArrayEquals(new int[][] {{15, 16, 17, 18, 19}, {32, 33, 34, 0, 1}}, e.get(3).inputs());
    assertArrayEquals(new int[][] {{16, 17, 18, 19, 20}, {33, 34, 0, 1, 2}}, e.get(3).targets());
    assertEquals(false, e.get(3).resetState());
  }

  @Test
  void offsetsSpreadTheRemainderWhenBatchDoesNotDivideTheLength() {
    // L = 35, B = 3: ⌊i·35/3⌋ = 0, 11, 23
    Batch first = new OffsetsPartitioner().epoch(STREAM, 3, 2, new Rng(0)).get(0);
    assertArrayEquals(new int[][] {{0, 1}, {11, 12}, {23, 24}}, first.inputs());
  }

  @Test
  void batchifyCutsColumnsAndKeepsAShortLastBatch() {
    // PyTorch batchify: c = 35 // 2 = 17, columns x[0..16] and x[17..33] (34 dropped);
    // get_batch at i = 0, 5, 10, 15 (i < c - 1 = 16) with min(5, 16 - i) = 5, 5, 5, 1 steps
    List<Batch> e = new BatchifyPartitioner().epoch(STREAM, 2, 5, new Rng(0));
    int[][][] inputs = {
        {{0, 1, 2, 3, 4}, {17, 18, 19, 20, 21}},
        {{5, 6, 7, 8, 9}, {22, 23, 24, 25, 26}},
        {{10, 11, 12, 13, 14}, {27, 28, 29, 30, 31}},
        {{15}, {32}},
    };
    assertBatches(inputs, new boolean[] {true, false, false, false}, e);
  }

  @Test
  void shortStreamsAreRefusedWithTheFix() {
    assertThrows(InvalidInputException.class, () -> new OffsetsPartitioner().epoch(STREAM, 4, 9, new Rng(0)));
    assertEquals("--batch 6 with --steps 5 needs at least batch*(steps+1) = 36 tokens, the text has 35; "
            + "lower --batch or --steps, or use a longer text",
        assertThrows(InvalidInputException.class, () -> new BatchifyPartitioner().epoch(STREAM, 6, 5, new Rng(0))).getMessage());
    assertThrows(InvalidInputException.class, () -> new BatchifyPartitioner().epoch(STREAM, 2, 0, new Rng(0)));
  }
}
