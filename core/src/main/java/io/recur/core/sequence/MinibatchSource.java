package io.recur.core.sequence;

import io.recur.core.util.Rng;
import java.util.List;

/**
 * A stream a model trains on or is scored on, cut into minibatches: {@link TokenStream} for text,
 * {@link SeriesStream} for real values.
 */
public interface MinibatchSource {
  /** Elements in the stream (tokens, or time points), for reports. */
  int length();

  /**
   * The minibatches of one training epoch, in order.
   *
   * @param rng the epoch's randomness (offset, order)
   * @throws io.recur.core.InvalidInputException if the stream is too short for one batch
   */
  List<? extends Minibatch> epoch(int batchSize, int steps, Rng rng);

  /**
   * The minibatches that score the whole stream: deterministic, state carried from the start,
   * in at most {@code batchSize} rows of {@code steps} (fewer rows or steps when the stream is
   * short).
   *
   * @throws io.recur.core.InvalidInputException if the stream has fewer than two elements
   */
  List<? extends Minibatch> evaluation(int batchSize, int steps);
}
