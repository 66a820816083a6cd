package io.recur.data.partition;

import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Partitioner;
import io.recur.core.sequence.Sequence;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * Sequential partitioning, the textbook's {@code seq_data_iter_sequential}: drop the first
 * {@code offset} tokens, keep {@code n = ⌊(L − offset − 1) / B⌋ · B} tokens, lay them out as
 * {@code B} rows of {@code n/B} consecutive tokens (row {@code b} starts at
 * {@code offset + b·n/B}), and cut the rows into windows of {@code steps} columns, dropping the
 * columns left over. Targets are the same windows one token later. Row {@code b} of a batch
 * continues row {@code b} of the one before, so only the first batch of an epoch resets state.
 *
 * <p>{@link #training()} draws the offset uniformly from {@code [0, steps]}, both inclusive (as
 * {@code random.randint(0, num_steps)} does), capped at {@code L − 1 − B·steps} so that a short
 * stream still yields one batch; {@link #evaluation()} always uses offset 0 — the peer's
 * held-out perplexity pass.
 */
public final class SequentialPartitioner implements Partitioner {
  private final boolean randomOffset;

  private SequentialPartitioner(boolean randomOffset) {
    this.randomOffset = randomOffset;
  }

  /** Random offset in {@code [0, steps]} per epoch; name {@code sequential}. */
  public static SequentialPartitioner training() {
    return new SequentialPartitioner(true);
  }

  /** Offset 0, deterministic; name {@code evaluation}. */
  public static SequentialPartitioner evaluation() {
    return new SequentialPartitioner(false);
  }

  @Override
  public String name() {
    return randomOffset ? "sequential" : "evaluation";
  }

  @Override
  public boolean carriesState() {
    return true;
  }

  @Override
  public List<Batch> epoch(Sequence tokens, int batchSize, int steps, Rng rng) {
    Windows.check(tokens, batchSize, steps, Windows.oneWindowPerRow(batchSize, steps), "batch*steps+1");
    int offset = 0;
    if (randomOffset) {
      offset = rng.nextInt(0, (int) Math.min(steps, tokens.length() - Windows.oneWindowPerRow(batchSize, steps)));
    }
    return batches(tokens, batchSize, steps, offset);
  }

  /**
   * The epoch's batches for a given offset.
   *
   * @throws IllegalArgumentException if the offset leaves fewer than {@code batch·steps + 1} tokens
   */
  public List<Batch> batches(Sequence tokens, int batchSize, int steps, int offset) {
    Windows.check(tokens, batchSize, steps, Windows.oneWindowPerRow(batchSize, steps), "batch*steps+1");
    if (offset < 0 || tokens.length() - offset < Windows.oneWindowPerRow(batchSize, steps)) {
      throw new IllegalArgumentException("offset " + offset + " leaves fewer than " + batchSize + "*" + steps
          + "+1 of " + tokens.length() + " tokens");
    }
    int columns = (tokens.length() - offset - 1) / batchSize;
    int count = columns / steps;
    List<Batch> out = new ArrayList<>(count);
    int[] starts = new int[batchSize];
    for (int k = 0; k < count; k++) {
      for (int b = 0; b < batchSize; b++) {
        starts[b] = offset + b * columns + k * steps;
      }
      out.add(Windows.at(tokens, starts, steps, k == 0));
    }
    return out;
  }

  @Override
  public String toString() {
    return name();
  }
}
