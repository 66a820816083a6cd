package io.recur.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Sequence;
import io.recur.core.util.Rng;
import io.recur.data.partition.Partitioners;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardTest {
  @Test
  void shardsAreContiguousAndKeepEveryInputTargetPairExactlyOnce() {
    Sequence tokens = Sequence.of(IntStream.range(0, 103).toArray());
    List<Shard> shards = Shard.split(tokens, 4);

    assertEquals(4, shards.size());
    Set<Integer> pairs = new HashSet<>();
    int total = 0;
    for (Shard s : shards) {
      int[] t = s.tokens();
      for (int i = 1; i < t.length; i++) {
        assertEquals(t[i - 1] + 1, t[i], "contiguous");
        pairs.add(t[i - 1]);
        total++;
      }
    }
    assertEquals(102, pairs.size(), "every pair (x_i, x_i+1) of the stream");
    assertEquals(102, total, "and none twice");
    assertEquals(List.of(26, 27, 27, 26), shards.stream().map(s -> s.tokens().length).toList());
  }

  @Test
  void oneShardIsTheWholeStreamWithTheTrainersRandomness() {
    Sequence tokens = Sequence.of(IntStream.range(0, 500).map(i -> i % 7).toArray());
    Shard only = Shard.split(tokens, 1).get(0);
    assertArrayEquals(tokens.toArray(), only.tokens());

    long seed = 11;
    List<Batch> trainer = Partitioners.byName("sequential").epoch(tokens, 4, 5, new Rng(seed).fork("partition").fork(3));
    List<Batch> shard = only.epoch(Partitioners.byName("sequential"), 4, 5, seed, 3);
    assertEquals(trainer.size(), shard.size());
    for (int i = 0; i < trainer.size(); i++) {
      assertArrayEquals(trainer.get(i).inputs(), shard.get(i).inputs());
    }
    assertEquals(new Rng(seed).fork("dropout").fork(3).fork(2).nextLong(), only.dropoutSeed(seed, 3, 2));
  }

  @Test
  void otherShardsDrawTheirOwnRandomness() {
    Shard first = new Shard(0, new int[0]);
    Shard second = new Shard(1, new int[0]);
    assertNotEquals(first.dropoutSeed(5, 1, 0), second.dropoutSeed(5, 1, 0));
  }
}
