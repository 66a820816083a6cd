package io.recur.backend.nd4j;

import io.recur.core.InvalidInputException;
import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Partitioner;
import io.recur.core.sequence.Sequence;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * Sequential partitioning for these tests only (the data module owns the real one): the stream
 * is cut into {@code B} contiguous rows; minibatch {@code i} holds steps {@code [iT, (i+1)T)} of
 * every row, so row {@code b} of one batch continues row {@code b} of the previous one. The first
 * batch resets state. No random offset.
 */
final class TestPartitioner implements Partitioner {
  @Override
  public String name() {
    return "sequential";
  }

  @Override
  public boolean carriesState() {
    return true;
  }

  @Override
  public List<Batch> epoch(Sequence tokens, int batchSize, int steps, Rng rng) {
    int rowLength = (tokens.length() - 1) / batchSize;
    int batches = rowLength / steps;
    if (batches == 0) {
      throw new InvalidInputException("stream of " + tokens.length() + " tokens is too short for " + batchSize + " × " + steps);
    }
    List<Batch> out = new ArrayList<>(batches);
    for (int i = 0; i < batches; i++) {
      int[][] in = new int[batchSize][steps];
      int[][] target = new int[batchSize][steps];
      for (int b = 0; b < batchSize; b++) {
        int start = b * rowLength + i * steps;
        tokens.copy(start, start + steps, in[b], 0);
        tokens.copy(start + 1, start + steps + 1, target[b], 0);
      }
      out.add(new Batch(in, target, i == 0));
    }
    return out;
  }

  /** A stream of {@code length} tokens over {@code vocab} symbols with learnable structure: a fixed walk plus rare noise. */
  static Sequence corpus(int length, int vocab, long seed) {
    Rng rng = new Rng(seed);
    int[] ids = new int[length];
    for (int i = 1; i < length; i++) {
      ids[i] = rng.nextDouble() < 0.1 ? rng.nextInt(vocab) : (ids[i - 1] * 3 + 1) % vocab;
    }
    return Sequence.of(ids);
  }
}
