package io.recur.data.partition;

import static io.recur.data.partition.PartitionAssertions.STREAM;
import static io.recur.data.partition.PartitionAssertions.assertBatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Sequence;
import io.recur.core.util.Rng;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SequentialPartitionerTest {
  @Test
  void offsetThreeOnTheStream0To34InTwoRowsOfFiveSteps() {
    // L = 35, B = 2, T = 5, offset 3:
    //   n = ((35 - 3 - 1) / 2) * 2 = 15 * 2 = 30 tokens, x[3..32], as 2 rows of 15:
    //   row 0 = 3..17, row 1 = 18..32; targets one later (4..18, 19..33); 15 / 5 = 3 windows
    int[][][] inputs = {
        {{3, 4, 5, 6, 7}, {18, 19, 20, 21, 22}},
        {{8, 9, 10, 11, 12}, {23, 24, 25, 26, 27}},
        {{13, 14, 15, 16, 17}, {28, 29, 30, 31, 32}},
    };
    assertBatches(inputs, new boolean[] {true, false, false}, SequentialPartitioner.training().batches(STREAM, 2, 5, 3));
  }

  @Test
  void evaluationIsOffsetZeroAndDropsTheTailColumns() {
    // the peer's eval_ppl: n = (34 / 2) * 2 = 34, rows 0..16 and 17..33 (17 columns);
    //   windows i in range(0, 17 - 5 + 1, 5) = 0, 5, 10; columns 15 and 16 are dropped
    int[][][] inputs = {
        {{0, 1, 2, 3, 4}, {17, 18, 19, 20, 21}},
        {{5, 6, 7, 8, 9}, {22, 23, 24, 25, 26}},
        {{10, 11, 12, 13, 14}, {27, 28, 29, 30, 31}},
    };
    boolean[] reset = {true, false, false};
    assertBatches(inputs, reset, SequentialPartitioner.evaluation().epoch(STREAM, 2, 5, new Rng(42)));
    assertBatches(inputs, reset, Partitioners.evaluation().epoch(STREAM, 2, 5, new Rng(7)));
    assertBatches(inputs, reset, SequentialPartitioner.training().batches(STREAM, 2, 5, 0));
  }

  @Test
  void theTrainingOffsetCoversZeroToStepsInclusive() {
    Sequence long_ = Sequence.of(IntStream.range(0, 200).toArray());
    Set<Integer> firstTokens = new HashSet<>();
    Rng rng = new Rng(1);
    for (int epoch = 0; epoch < 400; epoch++) {
      firstTokens.add(SequentialPartitioner.training().epoch(long_, 2, 5, rng.fork(epoch)).get(0).inputs()[0][0]);
    }
    assertEquals(Set.of(0, 1, 2, 3, 4, 5), firstTokens);
  }

  @Test
  void theOffsetIsCappedSoThatAShortStreamStillGivesOneBatch() {
    // L = 11 = 2*5 + 1: only offset 0 leaves a full batch
    Sequence s = Sequence.of(IntStream.range(0, 11).toArray());
    for (int seed = 0; seed < 20; seed++) {
      List<Batch> e = SequentialPartitioner.training().epoch(s, 2, 5, new Rng(seed));
      assertEquals(1, e.size());
      assertEquals(0, e.get(0).inputs()[0][0]);
    }
  }

  @Test
  void theSameRngGivesTheSameEpoch() {
    List<Batch> a = SequentialPartitioner.training().epoch(STREAM, 2, 5, new Rng(9));
    List<Batch> b = SequentialPartitioner.training().epoch(STREAM, 2, 5, new Rng(9));
    assertEquals(a.size(), b.size());
    for (int k = 0; k < a.size(); k++) {
      assertTrue(java.util.Arrays.deepEquals(a.get(k).inputs(), b.get(k).inputs()));
    }
  }

  @Test
  void badSizesAndShortStreamsAreRefusedWithTheFix() {
    SequentialPartitioner p = SequentialPartitioner.training();
    assertEquals("steps must be > 0 (got 0); pass --steps T",
        assertThrows(InvalidInputException.class, () -> p.epoch(STREAM, 2, 0, new Rng(0))).getMessage());
    assertEquals("batch size must be > 0 (got -1); pass --batch B",
        assertThrows(InvalidInputException.class, () -> p.epoch(STREAM, -1, 5, new Rng(0))).getMessage());
    assertEquals("--batch 64 with --steps 35 needs at least batch*steps+1 = 2241 tokens, the text has 35; "
            + "lower --batch or --steps, or use a longer text",
        assertThrows(InvalidInputException.class, () -> p.epoch(STREAM, 64, 35, new Rng(0))).getMessage());
    assertThrows(InvalidInputException.class, () -> Partitioners.evaluation().epoch(STREAM, 7, 5, new Rng(0)));
    assertThrows(IllegalArgumentException.class, () -> p.batches(STREAM, 2, 5, 25));
  }
}
