package io.recur.data.partition;

import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Partitioner;
import io.recur.core.sequence.Sequence;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * Random sampling, the textbook's {@code seq_data_iter_random}: drop the first {@code offset}
 * tokens (offset uniform in {@code [0, steps − 1]}), cut the rest into
 * {@code m = ⌊(L − offset − 1) / steps⌋} adjacent subsequences of {@code steps} tokens starting
 * at {@code offset + k·steps}, shuffle their order, and serve them {@code B} at a time
 * ({@code ⌊m / B⌋} batches; the subsequences left over are dropped). Targets are each
 * subsequence one token later. Batches do not continue each other: every one resets state.
 * The offset is capped at {@code L − 1 − B·steps} so that a short stream still yields one batch.
 */
public final class RandomPartitioner implements Partitioner {
  @Override
  public String name() {
    return "random";
  }

  @Override
  public boolean carriesState() {
    return false;
  }

  @Override
  public List<Batch> epoch(Sequence tokens, int batchSize, int steps, Rng rng) {
    Windows.check(tokens, batchSize, steps, Windows.oneWindowPerRow(batchSize, steps), "batch*steps+1");
    int offset = rng.nextInt(0, (int) Math.min(steps - 1, tokens.length() - Windows.oneWindowPerRow(batchSize, steps)));
    return batches(tokens, batchSize, steps, offset, rng);
  }

  /**
   * The epoch's batches for a given offset, in the order {@code order} shuffles the subsequences into.
   *
   * @throws IllegalArgumentException if the offset leaves fewer than {@code batch·steps + 1} tokens
   */
  public List<Batch> batches(Sequence tokens, int batchSize, int steps, int offset, Rng order) {
    Windows.check(tokens, batchSize, steps, Windows.oneWindowPerRow(batchSize, steps), "batch*steps+1");
    if (offset < 0 || tokens.length() - offset < Windows.oneWindowPerRow(batchSize, steps)) {
      throw new IllegalArgumentException("offset " + offset + " leaves fewer than " + batchSize + "*" + steps
          + "+1 of " + tokens.length() + " tokens");
    }
    int subsequences = (tokens.length() - offset - 1) / steps;
    int[] starts = new int[subsequences];
    for (int k = 0; k < subsequences; k++) {
      starts[k] = offset + k * steps;
    }
    order.shuffle(starts);
    int count = subsequences / batchSize;
    List<Batch> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int[] rows = new int[batchSize];
      System.arraycopy(starts, i * batchSize, rows, 0, batchSize);
      out.add(Windows.at(tokens, rows, steps, true));
    }
    return out;
  }

  @Override
  public String toString() {
    return name();
  }
}
