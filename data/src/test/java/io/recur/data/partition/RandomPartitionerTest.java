package io.recur.data.partition;

import static io.recur.data.partition.PartitionAssertions.STREAM;
import static io.recur.data.partition.PartitionAssertions.plusOne;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Sequence;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RandomPartitionerTest {
  // L = 35, T = 5, offset 2: the corpus is x[2..34] (33 tokens); (33 - 1) / 5 = 6 subsequences
  // starting at 2, 7, 12, 17, 22, 27 (27..31, targets 28..32; tokens 33, 34 unused); 6 / 2 = 3 batches
  private static final int[] STARTS = {2, 7, 12, 17, 22, 27};

  @Test
  void offsetTwoGivesSixSubsequencesInTheShuffledOrderTwoPerBatch() {
    List<Batch> batches = new RandomPartitioner().batches(STREAM, 2, 5, 2, new Rng(5));
    int[] order = STARTS.clone();
    new Rng(5).shuffle(order);
    assertEquals(3, batches.size());
    for (int k = 0; k < 3; k++) {
      int[][] inputs = {window(order[2 * k]), window(order[2 * k + 1])};
      assertArrayEquals(inputs, batches.get(k).inputs(), "batch " + k);
      assertArrayEquals(plusOne(inputs), batches.get(k).targets(), "batch " + k);
      assertTrue(batches.get(k).resetState(), "every random batch resets state");
    }
  }

  @Test
  void everySubsequenceIsUsedOnceAndTheOrderChangesWithTheSeed() {
    Set<List<Integer>> orders = new HashSet<>();
    for (int seed = 0; seed < 10; seed++) {
      List<Integer> firsts = new ArrayList<>();
      new RandomPartitioner().batches(STREAM, 2, 5, 2, new Rng(seed))
          .forEach(b -> IntStream.range(0, 2).forEach(r -> firsts.add(b.inputs()[r][0])));
      assertEquals(List.of(2, 7, 12, 17, 22, 27), firsts.stream().sorted().toList());
      orders.add(firsts);
    }
    assertTrue(orders.size() > 1, "the subsequences are shuffled");
  }

  @Test
  void theOffsetCoversZeroToStepsMinusOne() {
    // with one row per batch every subsequence is used, so the smallest start is the offset
    Sequence long_ = Sequence.of(IntStream.range(0, 200).toArray());
    Set<Integer> offsets = new HashSet<>();
    for (int seed = 0; seed < 300; seed++) {
      offsets.add(new RandomPartitioner().epoch(long_, 1, 5, new Rng(seed)).stream()
          .mapToInt(b -> b.inputs()[0][0]).min().orElseThrow());
    }
    assertEquals(Set.of(0, 1, 2, 3, 4), offsets);
  }

  @Test
  void badSizesAndShortStreamsAreRefused() {
    RandomPartitioner p = new RandomPartitioner();
    assertThrows(InvalidInputException.class, () -> p.epoch(STREAM, 2, 0, new Rng(0)));
    assertThrows(InvalidInputException.class, () -> p.epoch(STREAM, 0, 5, new Rng(0)));
    assertEquals("--batch 4 with --steps 9 needs at least batch*steps+1 = 37 tokens, the text has 35; "
            + "lower --batch or --steps, or use a longer text",
        assertThrows(InvalidInputException.class, () -> p.epoch(STREAM, 4, 9, new Rng(0))).getMessage());
  }

  private static int[] window(int start) {
    return IntStream.range(start, start + 5).toArray();
  }
}
