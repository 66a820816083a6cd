package io.recur.spark;

import io.recur.core.InvalidInputException;
import io.recur.core.backend.StepLoss;
import io.recur.core.backend.TrainingSession;
import io.recur.core.sequence.Partitioner;
import io.recur.core.train.BatchReport;
import io.recur.core.train.EpochReport;
import io.recur.core.train.Trainer;
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingData;
import io.recur.core.train.TrainingDivergedException;
import io.recur.core.train.TrainingListener;
import io.recur.core.train.TrainingResult;
import io.recur.core.train.TrainingRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One distributed run, on the driver. The shards are cached on the executors (so each stays on one
 * executor and its worker's session, with its recurrent state, lives on there). An epoch is
 * {@code M} minibatches per shard — the fewest any shard's partitioning yields that epoch — in
 * rounds of about {@code K} local steps ({@link DataParallel#rounds}, {@link RoundTask}); after
 * each round the workers' parameters and optimizer states are averaged here and become the next
 * round's start and the driver session's contents, which listeners, held-out scoring and
 * checkpoints read as on one machine.
 */
final class AveragingRun {
  private static final Logger LOG = LoggerFactory.getLogger(AveragingRun.class);
  private final JavaSparkContext sc;
  private final DataParallel parallel;
  private final WorkerPlan plan;
  private final Partitioner partitioner;
  private final TrainingConfig config;
  private final List<TrainingListener> listeners;
  private SyncStatistics statistics = SyncStatistics.NONE;

  AveragingRun(JavaSparkContext sc, DataParallel parallel, WorkerPlan plan, Partitioner partitioner, TrainingConfig config,
      List<TrainingListener> listeners) {
    this.sc = sc;
    this.parallel = parallel;
    this.plan = plan;
    this.partitioner = partitioner;
    this.config = config;
    this.listeners = List.copyOf(listeners);
  }

  SyncStatistics statistics() {
    return statistics;
  }

  TrainingResult fit(TrainingSession session, TrainingData data, List<Shard> shards, List<EpochReport> previous) {
    List<EpochReport> history = new ArrayList<>(previous);
    TrainingRun run = new TrainingRun(config, data.objective(), session, previous.size() + 1,
        Collections.unmodifiableList(history));
    List<Broadcast<Shard>> pieces = shards.stream().map(sc::broadcast).toList();
    JavaRDD<Shard> cached = cache(sc, pieces);
    try {
      listeners.forEach(l -> l.onTrainingBegin(run));
      ModelState state = ModelState.of(session.parameters(), session.optimizerState());
      long count = 0;
      double seconds = 0;
      for (int epoch = run.firstEpoch(); epoch <= config.epochs(); epoch++) {
        Epoch e = new Epoch(run, cached, shards, epoch, state);
        EpochReport report = e.train(data);
        state = e.state;
        count += report.count();
        seconds += report.seconds();
        history.add(report);
        listeners.forEach(l -> l.onEpochEnd(run, report));
      }
      TrainingResult result = new TrainingResult(List.copyOf(history), count, seconds);
      listeners.forEach(l -> l.onTrainingEnd(run, result));
      return result;
    } finally {
      release(cached);
      pieces.forEach(p -> p.destroy(false));
    }
  }

  /**
   * The shards as an RDD of one shard per partition, kept on the executors. Each comes from its own
   * broadcast, so a round's tasks carry only a partition index (a parallelized collection would
   * ship its data with every task) and an executor fetches only the shards it trains.
   */
  private static JavaRDD<Shard> cache(JavaSparkContext sc, List<Broadcast<Shard>> pieces) {
    List<Integer> indices = IntStream.range(0, pieces.size()).boxed().toList();
    return sc.parallelize(indices, pieces.size()).map(i -> pieces.get(i).value()).persist(StorageLevel.MEMORY_ONLY());
  }

  /** Closes the run's sessions on the executors that cache its shards, and drops the cache. */
  private void release(JavaRDD<Shard> cached) {
    String runId = plan.runId();
    try {
      cached.foreachPartition(shards -> ShardSessions.closeRun(runId));
      cached.unpersist(false);
    } catch (RuntimeException e) {
      LOG.warn("could not close the workers' sessions ({}); they go with their executors", e.toString());
    }
  }

  /** One epoch's rounds; {@link #state} is the averaged model after the last one. */
  private final class Epoch {
    private final TrainingRun run;
    private final JavaRDD<Shard> cached;
    private final int epoch;
    private final int batches;
    private final double learningRate;
    private ModelState state;
    private StepLoss total = new StepLoss(0, 0);

    Epoch(TrainingRun run, JavaRDD<Shard> cached, List<Shard> shards, int epoch, ModelState state) {
      this.run = run;
      this.cached = cached;
      this.epoch = epoch;
      this.batches = batchesPerShard(shards, epoch);
      this.learningRate = config.learningRate(epoch);
      this.state = state;
    }

    EpochReport train(TrainingData data) {
      long began = System.nanoTime();
      SyncStatistics before = statistics;
      int[] rounds = parallel.rounds(batches);
      for (int r = 0; r + 1 < rounds.length; r++) {
        round(rounds[r], rounds[r + 1] - rounds[r], began);
      }
      double seconds = (System.nanoTime() - began) / 1e9;
      double validation = data.validation().map(v -> new Trainer(config, List.of()).evaluate(run.session(), v))
          .orElse(Double.NaN);
      LOG.info("epoch {}: {} local steps on each of {} workers in {} rounds, {} s, {} % of it in Spark jobs and averaging",
          epoch, batches, parallel.workers(), statistics.rounds() - before.rounds(),
          String.format("%.2f", seconds), String.format("%.1f",
              100 * (statistics.syncSeconds() - before.syncSeconds()) / Math.max(seconds, 1e-9)));
      return new EpochReport(epoch, data.objective(), total.mean(), validation, learningRate, total.count(), seconds);
    }

    private void round(int first, int count, long epochBegan) {
      long began = System.nanoTime();
      Broadcast<ModelState> start = sc.broadcast(state);
      List<WorkerReport> reports;
      try {
        reports = new ArrayList<>(cached.mapPartitions(new RoundTask(plan, epoch, first, count, learningRate, start)).collect());
      } catch (Exception e) {
        throw failure(e, first, count);
      } finally {
        start.destroy();
      }
      reports.sort(Comparator.comparingInt(WorkerReport::shard));
      checkDivergence(reports, first);
      state = ModelState.average(reports.stream().map(WorkerReport::state).toList());
      run.session().setParameters(state.parameters());
      run.session().setOptimizerState(state.optimizerState());
      double compute = reports.stream().mapToDouble(WorkerReport::seconds).max().orElse(0);
      statistics = statistics.plus((System.nanoTime() - began) / 1e9, compute);
      double elapsed = (System.nanoTime() - epochBegan) / 1e9;
      for (int j = 0; j < count; j++) {
        StepLoss loss = new StepLoss(0, 0);
        double norms = 0;
        for (WorkerReport r : reports) {
          loss = loss.plus(new StepLoss(r.lossSums()[j], r.counts()[j]));
          norms += r.gradientNorms()[j];
        }
        total = total.plus(loss);
        BatchReport b = new BatchReport(epoch, first + j + 1, batches, loss.mean(), norms / reports.size(), loss.count(),
            elapsed);
        listeners.forEach(l -> l.onBatchEnd(run, b));
      }
    }

    private void checkDivergence(List<WorkerReport> reports, int first) {
      reports.stream().filter(WorkerReport::diverged).min(Comparator.comparingInt(WorkerReport::steps)).ifPresent(r -> {
        int j = r.steps() - 1;
        throw new TrainingDivergedException(epoch, first + j + 1, r.lossSums()[j] / r.counts()[j], r.gradientNorms()[j],
            config);
      });
    }

    private RuntimeException failure(Exception e, int first, int count) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof InvalidInputException bad) {
          return bad;
        }
      }
      String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
      int finished = run.history().isEmpty() ? 0 : run.history().get(run.history().size() - 1).epoch();
      return new SparkTrainingException("training on Spark failed in epoch " + epoch + ", minibatches " + (first + 1) + "–"
          + (first + count) + " of " + batches + ": " + reason + "; "
          + (finished > 0 ? "epoch " + finished + " was the last to finish, and its checkpoint (if the run saves them) is"
              + " intact: continue it with --resume" : "no epoch finished"), e);
    }

    private int batchesPerShard(List<Shard> shards, int epoch) {
      int fewest = Integer.MAX_VALUE;
      for (Shard s : shards) {
        try {
          fewest = Math.min(fewest, s.epoch(partitioner, config.batchSize(), config.steps(), config.seed(), epoch).size());
        } catch (InvalidInputException e) {
          throw new InvalidInputException("shard " + (s.index() + 1) + " of " + shards.size() + " (" + s.tokens().length
              + " tokens): " + e.getMessage() + ", or train on fewer --workers", e);
        }
      }
      return fewest;
    }
  }
}
