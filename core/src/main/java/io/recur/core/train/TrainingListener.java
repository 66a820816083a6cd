package io.recur.core.train;

/** Observes a training run. Every method has a no-op default; implement what you need. */
public interface TrainingListener {
  default void onTrainingBegin(TrainingRun run) {}

  default void onBatchEnd(TrainingRun run, BatchReport batch) {}

  /** After the epoch's training and validation. The session holds the epoch's final parameters. */
  default void onEpochEnd(TrainingRun run, EpochReport epoch) {}

  default void onTrainingEnd(TrainingRun run, TrainingResult result) {}
}
