package io.recur.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.checkpoint.Checkpoint;
import io.recur.core.checkpoint.CheckpointStore;
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks that fail on {@code local[2,2]} (each task is tried twice): one failure is retried and the
 * run completes; a task that fails every time stops the run with a message naming where, and the
 * checkpoint of the last finished epoch stays loadable.
 */
class WorkerFailureTest {
  private static final TrainingConfig CONFIG = Runs.config(2, "sgd", 1, 1);
  /** Each worker makes 24 updates an epoch (4,000 tokens in minibatches of 8 × 20). */
  private static final long MID_EPOCH_TWO = 36;

  @Test
  void aTaskThatFailsOnceIsRetriedAndTheRunCompletes(@TempDir Path dir) throws Exception {
    int before = FailingBackend.FAILURES.get();
    TrainingResult result = Runs.job(Runs.spec(0), CONFIG).checkpointTo(dir)
        .run(Runs.backend(), Runs.data(CONFIG), failing(MID_EPOCH_TWO, false));

    assertTrue(FailingBackend.FAILURES.get() > before, "a failure was injected");
    assertEquals(2, result.history().size());
    Checkpoint saved = CheckpointStore.read(dir);
    assertEquals(2, saved.epochsDone());
    TrainingResult clean = Runs.job(Runs.spec(0), CONFIG).run(Runs.backend(), Runs.data(CONFIG), Runs.spark(2, 5));
    double retried = result.last().validationMetric();
    double expected = clean.last().validationMetric();
    assertTrue(Math.abs(retried - expected) < 0.02 * expected,
        "held-out perplexity " + retried + " after a retried round (its state restarts from zeros), " + expected + " without");
  }

  @Test
  void aTaskThatAlwaysFailsStopsTheRunAndKeepsTheLastCheckpoint(@TempDir Path dir) throws Exception {
    SparkTrainingException e = assertThrows(SparkTrainingException.class, () -> Runs.job(Runs.spec(0), CONFIG)
        .checkpointTo(dir).run(Runs.backend(), Runs.data(CONFIG), failing(MID_EPOCH_TWO, true)));

    assertTrue(e.getMessage().startsWith("training on Spark failed in epoch 2, minibatches "), e.getMessage());
    assertTrue(e.getMessage().contains("injected failure before update " + MID_EPOCH_TWO), e.getMessage());
    assertTrue(e.getMessage().contains("epoch 1 was the last to finish"), e.getMessage());
    Checkpoint saved = CheckpointStore.read(dir);
    assertEquals(1, saved.epochsDone());
    assertEquals(1, saved.history().size());
    assertEquals(0, ShardSessions.open(), "the failed run's sessions are closed");
  }

  private static SparkTrainer failing(long atStep, boolean everyAttempt) {
    return SparkTrainer.on(TestSpark.local(), new DataParallel(2, 5),
        new FailingBackend(WorkerBackend.configured(Runs.CONFIG), -1, atStep, everyAttempt, false));
  }
}
