package io.recur.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.sequence.SeriesStream;
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingData;
import io.recur.core.train.TrainingDivergedException;
import io.recur.data.partition.Partitioners;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bad settings and diverging runs fail as on one machine: one line naming the problem and the fix. */
class SparkTrainerErrorsTest {
  @Test
  void settingsMustBePositive() {
    assertEquals("workers must be >= 1 (got 0); pass --workers N",
        assertThrows(InvalidInputException.class, () -> new DataParallel(0, 5)).getMessage());
    assertEquals("average-every must be >= 1 (got -1); pass --average-every K",
        assertThrows(InvalidInputException.class, () -> new DataParallel(2, -1)).getMessage());
  }

  @Test
  void shardsTooShortForOneMinibatchNameTheWorkers() {
    TrainingConfig config = Runs.config(1, "sgd", 1, 1);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Runs.job(Runs.spec(0), config).run(Runs.backend(), Runs.data(config), Runs.spark(60, 1)));
    assertTrue(e.getMessage().startsWith("shard 1 of 60 (134 tokens): --batch 8 with --steps 20 needs at least"), e.getMessage());
    assertTrue(e.getMessage().endsWith("or train on fewer --workers"), e.getMessage());
  }

  @Test
  void seriesAreTrainedOnOneMachine() {
    TrainingData series = TrainingData.of(new SeriesStream(new float[50][1], 4, Partitioners.byName("sequential"),
        Partitioners.evaluation()), Optional.empty());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Runs.spark(2, 1)
        .fit(Runs.spec(0), Runs.config(1, "sgd", 1, 1), List.of(), null, series, List.of()));
    assertEquals("data-parallel training on Spark takes a token stream; train series models on one machine (without --spark)",
        e.getMessage());
  }

  @Test
  void aDivergingWorkerStopsTheRunLikeTheTrainer() {
    TrainingConfig config = Runs.config(1, "sgd", 1e6, 0);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> Runs.job(Runs.spec(0), config).run(Runs.backend(), Runs.data(config), Runs.spark(2, 3)));
    assertEquals(1, e.epoch());
    assertTrue(e.getMessage().contains("turn on gradient clipping (--clip 1)"), e.getMessage());
  }

  @Test
  void anUnknownMasterIsBadInput() {
    TestSpark.stopLocal();
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SparkTrainer.connect("lokal[2]",
        new DataParallel(2, 1), WorkerBackend.configured(Runs.CONFIG)).fit(Runs.spec(0), Runs.config(1, "sgd", 1, 1),
            List.of(), null, Runs.data(Runs.config(1, "sgd", 1, 1)), List.of()));
    assertTrue(e.getMessage().startsWith("cannot start Spark on master 'lokal[2]': "), e.getMessage());
    assertTrue(e.getMessage().endsWith("; pass --spark local[N], local-cluster[N,CORES,MB] or spark://HOST:PORT"), e.getMessage());
  }
}
