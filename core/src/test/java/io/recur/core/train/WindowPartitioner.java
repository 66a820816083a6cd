package io.recur.core.train;

import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Partitioner;
import io.recur.core.sequence.Sequence;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.List;

/** A minimal sequential partitioner for loop tests: an rng-chosen offset in [0, steps], rows, windows. */
final class WindowPartitioner implements Partitioner {
  final List<Integer> offsets = new ArrayList<>();

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
    int offset = rng.nextInt(0, steps);
    offsets.add(offset);
    int cols = (tokens.length() - offset - 1) / batchSize;
    List<Batch> out = new ArrayList<>();
    for (int c = 0; c + steps <= cols; c += steps) {
      int[][] x = new int[batchSize][steps];
      int[][] y = new int[batchSize][steps];
      for (int b = 0; b < batchSize; b++) {
        for (int s = 0; s < steps; s++) {
          x[b][s] = tokens.get(offset + b * cols + c + s);
          y[b][s] = tokens.get(offset + b * cols + c + s + 1);
        }
      }
      out.add(new Batch(x, y, c == 0));
    }
    return out;
  }
}
