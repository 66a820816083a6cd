package io.recur.core.train;

import io.recur.core.backend.TrainingSession;
import io.recur.core.model.ModelSpec;
import java.util.List;

/**
 * How a {@link io.recur.core.checkpoint.TrainingJob} trains its epochs on the session it opened:
 * {@link #local()} is the {@link Trainer} on this machine; a distributed loop (the {@code spark}
 * module) trains copies of the model elsewhere and keeps {@code session}'s parameters and
 * optimizer state current, so that listeners, held-out scoring and checkpoints work on it alike.
 */
@FunctionalInterface
public interface TrainingLoop {
  /**
   * Trains the epochs after {@code previous} up to {@code config.epochs()}, as
   * {@link Trainer#fit(TrainingSession, TrainingData, List)} does, telling {@code listeners}.
   */
  TrainingResult fit(ModelSpec spec, TrainingConfig config, List<TrainingListener> listeners, TrainingSession session,
      TrainingData data, List<EpochReport> previous);

  /** The single-machine loop: {@link Trainer}. */
  static TrainingLoop local() {
    return (spec, config, listeners, session, data, previous) -> new Trainer(config, listeners).fit(session, data, previous);
  }
}
