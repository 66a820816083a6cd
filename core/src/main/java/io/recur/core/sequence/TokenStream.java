package io.recur.core.sequence;

import io.recur.core.InvalidInputException;
import io.recur.core.util.Rng;
import java.util.List;

/**
 * A token stream with the partitioner that cuts its training epochs and the one that scores it
 * (sequential, no random offset — the textbook's {@code eval_ppl}).
 */
public record TokenStream(Sequence tokens, Partitioner partitioner, Partitioner scoring) implements MinibatchSource {
  @Override
  public int length() {
    return tokens.length();
  }

  @Override
  public List<Batch> epoch(int batchSize, int steps, Rng rng) {
    return partitioner.epoch(tokens, batchSize, steps, rng);
  }

  /**
   * Scored in {@code R = max(1, min(batchSize, ⌊(N−1)/T'⌋))} rows of {@code T' = min(steps, N−1)}
   * steps, so short held-out streams are scored in fewer rows.
   */
  @Override
  public List<Batch> evaluation(int batchSize, int steps) {
    int t = Math.min(steps, tokens.length() - 1);
    if (t < 1) {
      throw new InvalidInputException("held-out data has " + tokens.length()
          + " elements; it needs at least 2; use a larger --val-fraction or another --val-corpus");
    }
    int rows = Math.max(1, Math.min(batchSize, (tokens.length() - 1) / t));
    return scoring.epoch(tokens, rows, t, new Rng(0));
  }
}
