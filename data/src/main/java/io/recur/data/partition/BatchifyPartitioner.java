package io.recur.data.partition;

import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Partitioner;
import io.recur.core.sequence.Sequence;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code batchify} layout of PyTorch's word_language_model: trim the stream to
 * {@code B·c} tokens, {@code c = ⌊L / B⌋}, and cut it into {@code B} columns of {@code c}
 * consecutive tokens (column {@code b} is {@code x[b·c .. (b+1)·c)}); batch {@code i} takes
 * positions {@code i·steps …} of every column, {@code min(steps, c − 1 − i·steps)} of them, with
 * targets one position later in the same column, for {@code i·steps < c − 1}. The epoch is thus
 * {@code [samples][batch][steps]} with a shorter last sample when {@code steps} does not divide
 * {@code c − 1}; the last token of each column is only a target. Rows continue across batches
 * (only the first resets state). Deterministic; needs {@code B·(steps + 1)} tokens for one full batch.
 */
public final class BatchifyPartitioner implements Partitioner {
  @Override
  public String name() {
    return "batchify";
  }

  @Override
  public boolean carriesState() {
    return true;
  }

  @Override
  public List<Batch> epoch(Sequence tokens, int batchSize, int steps, Rng rng) {
    Windows.check(tokens, batchSize, steps, (long) batchSize * (steps + 1), "batch*(steps+1)");
    int column = tokens.length() / batchSize;
    List<Batch> out = new ArrayList<>();
    int[] starts = new int[batchSize];
    for (int i = 0; i < column - 1; i += steps) {
      int length = Math.min(steps, column - 1 - i);
      for (int b = 0; b < batchSize; b++) {
        starts[b] = b * column + i;
      }
      out.add(Windows.at(tokens, starts, length, i == 0));
    }
    return out;
  }

  @Override
  public String toString() {
    return name();
  }
}
