package io.recur.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.backend.Backend;
import io.recur.core.backend.TrainingSession;
import io.recur.core.cell.CellRegistry;
import io.recur.core.checkpoint.CheckpointStore;
import io.recur.core.checkpoint.TrainingJob;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.SequenceModel;
import io.recur.core.optim.Optimizer;
import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Partitioner;
import io.recur.core.sequence.Sequence;
import io.recur.core.sequence.TextData;
import io.recur.core.sequence.TextSpec;
import io.recur.core.train.EpochReport;
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingData;
import io.recur.data.corpus.TokenizedCorpus;
import io.recur.data.partition.Partitioners;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data-parallel training on {@code local[2]} against single-process training with the core's own loop and step. */
class SparkTrainerTest {
  private final Backend backend = Runs.backend();

  @Test
  void oneWorkerReproducesTheSingleMachineTrainerExactly() {
    ModelSpec spec = Runs.spec(0.1);
    TrainingConfig config = Runs.config(2, "adam", 0.01, 1.0);
    Outcome alone = new Outcome();
    Runs.job(spec, config).listen(alone).run(backend, Runs.data(config));
    Outcome spark = new Outcome();
    Runs.job(spec, config).listen(spark).run(backend, Runs.data(config), Runs.spark(1, 3));

    assertEquals(alone.params.asMap(), spark.params.asMap(), "parameters after 2 epochs");
    assertEquals(alone.optimizer.step(), spark.optimizer.step());
    assertEquals(alone.optimizer.slots().get("v").asMap(), spark.optimizer.slots().get("v").asMap(), "Adam's second moments");
    assertEquals(Outcome.losses(alone.result.history()), Outcome.losses(spark.result.history()), "losses, held-out losses and counts per epoch");
    assertEquals(alone.batches.size(), spark.batches.size());
  }

  @Test
  void synchronousSgdEqualsOneProcessTrainingOnTheConcatenatedBatch() {
    ModelSpec spec = Runs.spec(0);
    TrainingConfig config = Runs.config(1, "sgd", 0.5, 0);
    TrainingJob job = Runs.job(spec, config);
    Outcome spark = new Outcome();
    job.listen(spark).run(backend, Runs.data(config), Runs.spark(2, 1));

    List<Shard> shards = Shard.split(Runs.TRAIN, 2);
    Partitioner sequential = Partitioners.byName("sequential");
    List<Batch> a = shards.get(0).epoch(sequential, 8, 20, config.seed(), 1);
    List<Batch> b = shards.get(1).epoch(sequential, 8, 20, config.seed(), 1);
    int steps = Math.min(a.size(), b.size());
    double lossSum = 0;
    long count = 0;
    double diff;
    try (TrainingSession one = backend.openTraining(spec, job.initial(), Optimizer.named("sgd"))) {
      for (int i = 0; i < steps; i++) {
        var loss = one.step(concatenated(a.get(i), b.get(i)), 0, 0.5, 0).loss();
        lossSum += loss.sum();
        count += loss.count();
      }
      diff = Outcome.maxAbsDiff(one.parameters(), spark.params);
      assertTrue(diff < 2e-6, "2 workers averaging after every step vs one process on 16 rows: max |Δ| = " + diff);
      assertTrue(Outcome.maxAbsDiff(job.initial(), spark.params) > 1e-2, "training moved the parameters");
    }
    EpochReport epoch = spark.result.last();
    assertEquals(count, epoch.count());
    assertEquals(lossSum / count, epoch.trainLoss(), 1e-6 * epoch.trainLoss());
    assertEquals(steps, spark.batches.size(), "one report per synchronous step");

    Outcome local = new Outcome();
    Runs.job(spec, config).listen(local).run(backend, Runs.data(config), Runs.spark(2, 4));
    double apart = Outcome.maxAbsDiff(local.params, spark.params);
    assertTrue(apart > 100 * diff, "four local steps between averages is not the same: max |Δ| = " + apart);
  }

  @Test
  void aWordModelWithAnEmbeddingTrainsTheSameWay() {
    TokenizedCorpus words = TokenizedCorpus.load("timemachine", new TextSpec("letters", "word"), 0);
    Sequence train = words.ids().slice(0, 3_000);
    ModelSpec spec = ModelSpec.builder().cell("lstm").vocabSize(words.vocab().size()).embed(12).hidden(12).build();
    TrainingConfig config = Runs.config(1, "sgd", 0.5, 0);
    TrainingJob job = TrainingJob.start(SequenceModel.of(spec, CellRegistry.withBuiltIns()),
        new TextData(words.spec(), words.vocab()), config);
    Outcome spark = new Outcome();
    job.listen(spark).run(backend, TrainingData.text(train, Optional.empty(), Partitioners.byName("sequential"),
        Partitioners.evaluation()), Runs.spark(2, 1));

    List<Shard> shards = Shard.split(train, 2);
    Partitioner sequential = Partitioners.byName("sequential");
    List<Batch> a = shards.get(0).epoch(sequential, 8, 20, config.seed(), 1);
    List<Batch> b = shards.get(1).epoch(sequential, 8, 20, config.seed(), 1);
    try (TrainingSession one = backend.openTraining(spec, job.initial(), Optimizer.named("sgd"))) {
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        one.step(concatenated(a.get(i), b.get(i)), 0, 0.5, 0);
      }
      double diff = Outcome.maxAbsDiff(one.parameters(), spark.params);
      assertTrue(diff < 2e-6, "a " + words.vocab().size() + "-word model, 2 workers averaging every step vs one process: max |Δ| = "
          + diff);
      assertTrue(Outcome.maxAbsDiff(job.initial(), spark.params) > 1e-2, "training moved the parameters");
    }
  }

  @Test
  void aResumedRunReproducesTheUninterruptedOne(@TempDir Path dir) throws Exception {
    ModelSpec spec = Runs.spec(0.1);
    TrainingConfig config = Runs.config(3, "adam", 0.01, 1.0);
    Runs.job(spec, config).checkpointTo(dir.resolve("whole")).run(backend, Runs.data(config), Runs.spark(2, 4));
    Runs.job(spec, config.withEpochs(2)).checkpointTo(dir.resolve("parts")).run(backend, Runs.data(config), Runs.spark(2, 4));
    TrainingJob.resume(dir.resolve("parts"), 3).run(backend, Runs.data(config), Runs.spark(2, 4));

    var whole = CheckpointStore.read(dir.resolve("whole"));
    var parts = CheckpointStore.read(dir.resolve("parts"));
    assertEquals(3, parts.epochsDone());
    assertEquals(whole.params().asMap(), parts.params().asMap());
    assertEquals(whole.optimizer().slots().get("m").asMap(), parts.optimizer().slots().get("m").asMap());
    assertEquals(Outcome.losses(whole.history()), Outcome.losses(parts.history()));
    assertEquals(0, ShardSessions.open(), "the workers' sessions are closed after each run");
  }

  private static Batch concatenated(Batch a, Batch b) {
    int[][] inputs = new int[a.batchSize() + b.batchSize()][];
    int[][] targets = new int[inputs.length][];
    for (int r = 0; r < inputs.length; r++) {
      Batch from = r < a.batchSize() ? a : b;
      int row = r < a.batchSize() ? r : r - a.batchSize();
      inputs[r] = from.inputs()[row];
      targets[r] = from.targets()[row];
    }
    return new Batch(inputs, targets, a.resetState());
  }
}
