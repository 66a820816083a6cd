package io.recur.core.train;

import io.recur.core.model.Objective;
import io.recur.core.sequence.MinibatchSource;
import io.recur.core.sequence.Partitioner;
import io.recur.core.sequence.Sequence;
import io.recur.core.sequence.SeriesStream;
import io.recur.core.sequence.TokenStream;
import java.util.Optional;

/**
 * What a run trains on: the training stream, optionally a held-out stream scored after every
 * epoch, and what the loss measures (cross-entropy for tokens, squared error for series).
 */
public record TrainingData(MinibatchSource train, Optional<? extends MinibatchSource> validation, Objective objective) {
  /**
   * Text cut by {@code partitioner} for training and scored (training's held-out pass) by
   * {@code scoring}: next-token cross-entropy.
   */
  public static TrainingData text(Sequence train, Optional<Sequence> validation, Partitioner partitioner, Partitioner scoring) {
    return of(new TokenStream(train, partitioner, scoring), validation.map(v -> new TokenStream(v, scoring, scoring)));
  }

  /** Text: next-token cross-entropy. */
  public static TrainingData of(TokenStream train, Optional<TokenStream> validation) {
    return new TrainingData(train, validation, Objective.CROSS_ENTROPY);
  }

  /** A series: next-value squared error. */
  public static TrainingData of(SeriesStream train, Optional<SeriesStream> validation) {
    return new TrainingData(train, validation, Objective.SQUARED_ERROR);
  }
}
