package io.recur.spark;

import io.recur.core.InvalidInputException;
import io.recur.core.backend.TrainingSession;
import io.recur.core.model.ModelSpec;
import io.recur.core.sequence.Partitioner;
import io.recur.core.sequence.TokenStream;
import io.recur.core.train.EpochReport;
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingData;
import io.recur.core.train.TrainingListener;
import io.recur.core.train.TrainingLoop;
import io.recur.core.train.TrainingResult;
import io.recur.data.partition.Partitioners;
import java.util.List;
import java.util.UUID;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Data-parallel training on Apache Spark, as a {@link TrainingLoop} for
 * {@link io.recur.core.checkpoint.TrainingJob#run(io.recur.core.backend.Backend, TrainingData, TrainingLoop)}:
 * the training token stream is cut into {@link DataParallel#workers()} contiguous shards; each
 * executor-side worker trains the job's model, optimizer and schedule on its shard (partitioned as
 * on one machine, recurrent state carried), makes {@link DataParallel#averageEvery()} local steps
 * with the core's {@code TrainingSession.step}, and then the driver averages the workers'
 * parameters and optimizer state (Adam's moments element-wise; the step counts are equal, since
 * every worker makes the same number of steps) and broadcasts the average for the next round.
 * Epochs, held-out scoring, listeners and checkpoints run on the driver's session as on one machine.
 *
 * <pre>{@code
 * SparkTrainer spark = SparkTrainer.on(jsc, new DataParallel(4, 50), WorkerBackend.configured(RecurConfig.defaults()));
 * TrainingResult result = job.run(backend, data, spark);
 * }</pre>
 */
public final class SparkTrainer implements TrainingLoop {
  private final JavaSparkContext context;
  private final SparkConf conf;
  private final DataParallel parallel;
  private final WorkerBackend backend;
  private SyncStatistics statistics = SyncStatistics.NONE;

  private SparkTrainer(JavaSparkContext context, SparkConf conf, DataParallel parallel, WorkerBackend backend) {
    this.context = context;
    this.conf = conf;
    this.parallel = parallel;
    this.backend = backend;
  }

  /** Trains on an application's own Spark context (it stays open afterwards): for spark-submit. */
  public static SparkTrainer on(JavaSparkContext context, DataParallel parallel, WorkerBackend backend) {
    return new SparkTrainer(context, null, parallel, backend);
  }

  /**
   * Trains on a Spark context of its own for each run, on {@code master} ({@code local[N]},
   * {@code local-cluster[N,CORES,MB]}, {@code spark://HOST:PORT}), stopped when the run ends.
   * Further settings come from {@code spark.*} system properties; executors run ND4J and OpenBLAS
   * with one OpenMP thread unless {@code spark.executorEnv.*} says otherwise, and a local master's
   * driver listens on the loopback address only.
   */
  public static SparkTrainer connect(String master, DataParallel parallel, WorkerBackend backend) {
    SparkConf conf = new SparkConf().setMaster(master).setAppName("recur train")
        .setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1")
        .setIfMissing("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
    if (master.startsWith("local")) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    return new SparkTrainer(null, conf, parallel, backend);
  }

  /** Where the last run's training time went. */
  public SyncStatistics statistics() {
    return statistics;
  }

  public DataParallel parallel() {
    return parallel;
  }

  @Override
  public TrainingResult fit(ModelSpec spec, TrainingConfig config, List<TrainingListener> listeners, TrainingSession session,
      TrainingData data, List<EpochReport> previous) {
    if (!(data.train() instanceof TokenStream train)) {
      throw new InvalidInputException("data-parallel training on Spark takes a token stream; train series models on one"
          + " machine (without --spark)");
    }
    Partitioner partitioner = Partitioners.byName(train.partitioner().name());
    WorkerPlan plan = WorkerPlan.of(UUID.randomUUID().toString(), spec, config, partitioner.name(), data.objective(), backend);
    JavaSparkContext sc = context != null ? context : start();
    try {
      AveragingRun run = new AveragingRun(sc, parallel, plan, partitioner, config, listeners);
      try {
        return run.fit(session, data, Shard.split(train.tokens(), parallel.workers()), previous);
      } finally {
        statistics = run.statistics();
      }
    } finally {
      if (context == null) {
        sc.stop();
      }
    }
  }

  private JavaSparkContext start() {
    try {
      return new JavaSparkContext(conf);
    } catch (Exception e) { // SparkException is checked in Java's eyes but undeclared
      throw new InvalidInputException("cannot start Spark on master '" + conf.get("spark.master") + "': " + e.getMessage()
          + "; pass --spark local[N], local-cluster[N,CORES,MB] or spark://HOST:PORT", e);
    }
  }
}
