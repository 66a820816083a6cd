package io.recur.cli;

import com.google.gson.JsonObject;
import io.recur.core.InvalidInputException;
import io.recur.core.config.RecurConfig;
import io.recur.core.train.TrainingLoop;
import io.recur.spark.DataParallel;
import io.recur.spark.SparkTrainer;
import io.recur.spark.SyncStatistics;
import io.recur.spark.WorkerBackend;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code recur train}'s data-parallel options ({@code --spark MASTER --workers N --average-every K})
 * and the training loop they select: the single-machine one, or {@link SparkTrainer}.
 */
final class SparkOptions {
  static final int DEFAULT_WORKERS = 2;
  static final int DEFAULT_AVERAGE_EVERY = 50;

  @Option(names = "--spark", paramLabel = "MASTER",
      description = "Train data-parallel on Apache Spark: local[N], local-cluster[N,CORES,MB] or spark://HOST:PORT.")
  String master;

  @Option(names = "--workers", paramLabel = "N",
      description = "With --spark: model replicas, each training on its own contiguous shard of the text (default: 2).")
  Integer workers;

  @Option(names = "--average-every", paramLabel = "K",
      description = "With --spark: local steps between parameter averages, as near as an epoch allows (each epoch ends"
          + " with one); 1 = synchronous data parallelism (default: 50).")
  Integer averageEvery;

  private SparkTrainer spark;
  private String workerBackend;

  /** The loop these options ask for, its workers on the backend {@code config} selects. */
  TrainingLoop loop(RecurConfig config) {
    if (master == null) {
      if (workers != null || averageEvery != null) {
        throw new InvalidInputException("--workers and --average-every need --spark MASTER (e.g. --spark local[2])");
      }
      return TrainingLoop.local();
    }
    workerBackend = config.backend();
    spark = SparkTrainer.connect(master, new DataParallel(workers == null ? DEFAULT_WORKERS : workers,
        averageEvery == null ? DEFAULT_AVERAGE_EVERY : averageEvery), WorkerBackend.configured(config));
    return spark;
  }

  /** For the start line: where training runs and on which backend ({@code ""} on this machine). */
  String describe() {
    return spark == null ? "" : String.format(Locale.ROOT, " on Spark %s (%d workers on %s, averaging every %d steps)", master,
        spark.parallel().workers(), workerBackend, spark.parallel().averageEvery());
  }

  /** Adds the distributed run's settings and where its time went to the JSON report. */
  void report(JsonObject o) {
    if (spark != null) {
      SyncStatistics s = spark.statistics();
      o.addProperty("spark", master);
      o.addProperty("workers", spark.parallel().workers());
      o.addProperty("average_every", spark.parallel().averageEvery());
      o.addProperty("rounds", s.rounds());
      o.addProperty("sync_fraction", s.syncFraction());
      o.addProperty("sync_ms_per_round", 1000 * s.syncSecondsPerRound());
    }
  }
}
