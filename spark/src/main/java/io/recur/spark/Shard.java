package io.recur.spark;

import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Partitioner;
import io.recur.core.sequence.Sequence;
import io.recur.core.util.Rng;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One worker's contiguous part of the training token stream, and the randomness its epochs draw.
 * Shard {@code i} of {@code n} holds tokens {@code [⌊i·L/n⌋, ⌊(i+1)·L/n⌋]} (one token shared with
 * the next shard, so no input–target pair is lost at a boundary). Shard 0 draws exactly what the
 * single-machine {@link io.recur.core.train.Trainer} draws from the same seed — its epoch's offset
 * or order and every step's dropout seed — and shard {@code i > 0} forks its own from them, so one
 * worker reproduces single-machine training.
 */
record Shard(int index, int[] tokens) implements Serializable {
  /** Cuts {@code train} into {@code n} contiguous shards. */
  static List<Shard> split(Sequence train, int n) {
    int length = train.length();
    List<Shard> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int from = (int) ((long) i * length / n);
      int to = (int) Math.min(length, (long) (i + 1) * length / n + 1);
      out.add(new Shard(i, train.slice(from, to).toArray()));
    }
    return out;
  }

  /**
   * This shard's minibatches in {@code epoch}, cut by {@code partitioner} with the randomness the
   * Trainer derives from {@code seed} for that epoch.
   *
   * @throws io.recur.core.InvalidInputException if the shard is too short for one batch
   */
  List<Batch> epoch(Partitioner partitioner, int batchSize, int steps, long seed, int epoch) {
    return partitioner.epoch(Sequence.of(tokens), batchSize, steps, ofShard(new Rng(seed).fork("partition").fork(epoch)));
  }

  /** The dropout seed of minibatch {@code batch} (0-based) of {@code epoch}. */
  long dropoutSeed(long seed, int epoch, int batch) {
    return ofShard(new Rng(seed).fork("dropout").fork(epoch)).fork(batch).nextLong();
  }

  private Rng ofShard(Rng epochRandomness) {
    return index == 0 ? epochRandomness : epochRandomness.fork("shard " + index);
  }
}
