package io.recur.data.partition;

import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Partitioner;
import io.recur.core.sequence.Sequence;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-row offsets layout of Chainer's RNNLM example ({@code ParallelSequentialIterator}):
 * row {@code b} of {@code B} starts at {@code o_b = ⌊b·L / B⌋} and reads consecutive tokens,
 * wrapping around the end of the stream, so no token is dropped: batch {@code k} holds inputs
 * {@code x[(o_b + k·steps + t) mod L]} and targets {@code x[(o_b + k·steps + t + 1) mod L]}.
 * An epoch is {@code ⌈L / (B·steps)⌉} batches — the first point at which every token has been
 * read once. Rows continue across batches (only the first batch resets state); the wrap joins
 * the last token of the stream to the first. Deterministic: every epoch starts at the offsets
 * (Chainer's iterator instead runs on across epochs).
 */
public final class OffsetsPartitioner implements Partitioner {
  @Override
  public String name() {
    return "offsets";
  }

  @Override
  public boolean carriesState() {
    return true;
  }

  @Override
  public List<Batch> epoch(Sequence tokens, int batchSize, int steps, Rng rng) {
    Windows.check(tokens, batchSize, steps, Windows.oneWindowPerRow(batchSize, steps), "batch*steps+1");
    int length = tokens.length();
    long[] offsets = new long[batchSize];
    for (int b = 0; b < batchSize; b++) {
      offsets[b] = (long) b * length / batchSize;
    }
    long perBatch = (long) batchSize * steps;
    int count = (int) ((length + perBatch - 1) / perBatch);
    List<Batch> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      int[][] inputs = new int[batchSize][steps];
      int[][] targets = new int[batchSize][steps];
      for (int b = 0; b < batchSize; b++) {
        for (int t = 0; t < steps; t++) {
          long p = offsets[b] + (long) k * steps + t;
          inputs[b][t] = tokens.get((int) (p % length));
          targets[b][t] = tokens.get((int) ((p + 1) % length));
        }
      }
      out.add(new Batch(inputs, targets, k == 0));
    }
    return out;
  }

  @Override
  public String toString() {
    return name();
  }
}
