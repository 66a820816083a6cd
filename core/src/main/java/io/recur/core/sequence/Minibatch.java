package io.recur.core.sequence;

/**
 * One minibatch of {@code B} rows × {@code T} steps: {@link Batch} (token ids, for language
 * models) or {@link SeriesBatch} (real values, for series models). {@code resetState} says the
 * rows do not continue the previous minibatch's rows, so recurrent state starts at zero; when
 * false, row {@code b} continues row {@code b} of the previous batch and state is carried.
 */
public sealed interface Minibatch permits Batch, SeriesBatch {
  int batchSize();

  int steps();

  boolean resetState();

  /** How many target elements the mean loss averages over (tokens, or values). */
  long count();
}
