package io.recur.core.sequence;

import io.recur.core.util.Rng;
import java.util.List;

/**
 * Cuts a token stream into the minibatches of one epoch. Implementations (random sampling,
 * sequential partitioning) live in the {@code data} module.
 */
public interface Partitioner {
  /** The name used in configuration ({@code random}, {@code sequential}). */
  String name();

  /** Whether consecutive batches continue each other row by row, so state may be carried. */
  boolean carriesState();

  /**
   * The minibatches of one epoch, in order.
   *
   * @param rng the epoch's randomness (offset, order); ignored by deterministic partitioners
   * @throws io.recur.core.InvalidInputException if the stream is too short for one batch
   */
  List<Batch> epoch(Sequence tokens, int batchSize, int steps, Rng rng);
}
