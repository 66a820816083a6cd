package io.recur.spark;

import io.recur.core.backend.TrainingSession;
import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Partitioner;
import java.util.List;

/**
 * A shard's training session, kept open in an executor between rounds so that the recurrent
 * state carries over, with the shard's minibatches of the epoch in progress and the index of the
 * next one. Used by one task at a time ({@link ShardSessions}).
 */
final class ShardSession implements AutoCloseable {
  private final TrainingSession session;
  private final Shard shard;
  private int epoch;
  private List<Batch> batches;
  private int next;
  boolean busy;

  ShardSession(TrainingSession session, Shard shard) {
    this.session = session;
    this.shard = shard;
  }

  TrainingSession session() {
    return session;
  }

  /** Whether the next round of {@code epoch} from batch {@code first} continues where this session stopped. */
  boolean continues(int epoch, int first) {
    return first == 0 || (this.epoch == epoch && batches != null && next == first);
  }

  /** Minibatch {@code i} of {@code epoch}, cutting the epoch's batches when it begins. */
  Batch batch(WorkerPlan plan, Partitioner partitioner, int epoch, int i) {
    if (batches == null || this.epoch != epoch) {
      batches = shard.epoch(partitioner, plan.batchSize(), plan.steps(), plan.seed(), epoch);
      this.epoch = epoch;
    }
    next = i + 1;
    return batches.get(i);
  }

  @Override
  public void close() {
    session.close();
  }
}
