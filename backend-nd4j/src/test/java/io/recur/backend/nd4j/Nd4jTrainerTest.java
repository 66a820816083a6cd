package io.recur.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.backend.Backend;
import io.recur.core.backend.TrainingSession;
import io.recur.core.cell.CellRegistry;
import io.recur.core.checkpoint.Checkpoint;
import io.recur.core.checkpoint.CheckpointListener;
import io.recur.core.checkpoint.CheckpointStore;
import io.recur.core.checkpoint.TrainingJob;
import io.recur.core.sequence.TextData;
import io.recur.core.checkpoint.Provenance;
import io.recur.core.config.RecurConfig;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.ops.Initializers;
import io.recur.core.optim.Optimizer;
import io.recur.core.sequence.Sequence;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;
import io.recur.core.train.EpochReport;
import io.recur.core.train.Trainer;
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingData;
import io.recur.core.train.TrainingDivergedException;
import io.recur.core.train.TrainingResult;
import io.recur.data.partition.Partitioners;
import io.recur.data.partition.SequentialPartitioner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Core's {@link Trainer} driving ND4J sessions: every partitioning, clipping, Adam, checkpoints, resume, divergence, incompatible checkpoints. */
class Nd4jTrainerTest {
  private static final int V = Nd4jTrainingSessionTest.V;
  private final Backend backend = new Nd4jBackend(RecurConfig.defaults().withThreads(1), CellRegistry.withBuiltIns());

  private static TrainingData data() {
    Sequence[] split = TestCorpus.walk(1500, V, 4).splitTail(0.1);
    return TrainingData.text(split[0], Optional.of(split[1]), SequentialPartitioner.evaluation(), SequentialPartitioner.evaluation());
  }

  private static Vocab vocab(int size) {
    List<String> tokens = new ArrayList<>();
    tokens.add(Vocab.UNK);
    for (int i = 1; i < size; i++) {
      tokens.add(Character.toString('a' + i));
    }
    return new Vocab(tokens, new long[size]);
  }

  private static TrainingConfig config(int epochs, String optimizer, double lr, double clip) {
    return new TrainingConfig(epochs, 4, 10, "sequential", optimizer, lr, clip, 1.0, 0, Initializers.Scheme.XAVIER, 7);
  }

  private static ModelSpec spec() {
    return ModelSpec.builder().cell("lstm").vocabSize(V).embed(6).hidden(12).dropout(0.2).build();
  }

  private TrainingSession open(ModelSpec spec, TrainingConfig c) {
    LanguageModel m = new LanguageModel(spec, CellRegistry.withBuiltIns());
    return backend.openTraining(spec, m.initialize(c.init(), c.seed()), Optimizer.named(c.optimizer()));
  }

  private CheckpointListener checkpoints(Path dir, ModelSpec spec) {
    return new CheckpointListener(dir, spec, new TextData(TextSpec.defaults(), vocab(V)), Provenance.now("nd4j", backend.describe()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sequential", "random", "offsets", "batchify"})
  void every_partitioning_trains(String partition) {
    TrainingConfig c = new TrainingConfig(3, 4, 10, partition, "sgd", 1.0, 1.0, 1.0, 0, Initializers.Scheme.XAVIER, 7);
    Sequence[] split = TestCorpus.walk(1500, V, 4).splitTail(0.1);
    TrainingData d = TrainingData.text(split[0], Optional.of(split[1]), Partitioners.byName(partition), SequentialPartitioner.evaluation());
    try (TrainingSession s = open(spec(), c)) {
      TrainingResult r = new Trainer(c, List.of()).fit(s, d);
      assertTrue(r.last().trainMetric() < r.history().get(0).trainMetric(), partition + ": " + r.history());
      assertTrue(r.last().validationMetric() < V, partition + ": held-out perplexity below uniform: " + r.last());
    }
  }

  @Test
  void the_trainer_lowers_perplexity_with_clipping() {
    TrainingConfig c = config(3, "sgd", 1.0, 1.0);
    try (TrainingSession s = open(spec(), c)) {
      TrainingResult r = new Trainer(c, List.of()).fit(s, data());
      assertEquals(3, r.history().size());
      EpochReport first = r.history().get(0);
      EpochReport last = r.last();
      assertTrue(last.trainMetric() < first.trainMetric(), first + " → " + last);
      assertTrue(last.validationMetric() < V, "held-out perplexity below uniform: " + last);
    }
  }

  /** Sequential windows on one thread, and random offsets and order (the partitioner draws from the seed) on two. */
  @ParameterizedTest
  @CsvSource({"sequential, 1", "random, 2"})
  void resuming_from_a_checkpoint_reproduces_the_uninterrupted_run(String partition, int threads, @TempDir Path dir)
      throws IOException {
    Backend backend = new Nd4jBackend(RecurConfig.defaults().withThreads(threads), CellRegistry.withBuiltIns());
    Sequence[] split = TestCorpus.walk(1500, V, 4).splitTail(0.1);
    TrainingData data = TrainingData.text(split[0], Optional.of(split[1]), Partitioners.byName(partition),
        SequentialPartitioner.evaluation());
    TrainingConfig four = config(4, "adam", 0.01, 1.0);
    TrainingResult straight;
    ParameterSet straightParams;
    try (TrainingSession s = backend.openTraining(spec(), new LanguageModel(spec(), CellRegistry.withBuiltIns())
        .initialize(four.init(), four.seed()), Optimizer.named("adam"))) {
      straight = new Trainer(four, List.of()).fit(s, data);
      straightParams = s.parameters();
    }
    TrainingConfig two = config(2, "adam", 0.01, 1.0);
    try (TrainingSession s = backend.openTraining(spec(), new LanguageModel(spec(), CellRegistry.withBuiltIns())
        .initialize(two.init(), two.seed()), Optimizer.named("adam"))) {
      new Trainer(two, List.of(checkpoints(dir, spec()))).fit(s, data);
    }
    Checkpoint c = CheckpointStore.read(dir);
    assertEquals(2, c.epochsDone());
    c.checkResumable(spec(), new TextData(TextSpec.defaults(), vocab(V)));
    TrainingResult resumed = TrainingJob.resume(dir, 4).run(backend, data);
    ParameterSet resumedParams = CheckpointStore.read(dir).params();
    assertEquals(4, CheckpointStore.read(dir).epochsDone(), "the library's resume saves back to the resumed directory");
    for (int e = 0; e < 4; e++) {
      assertEquals(straight.history().get(e).trainLoss(), resumed.history().get(e).trainLoss(), 0.0, "epoch " + (e + 1));
      assertEquals(straight.history().get(e).validationLoss(), resumed.history().get(e).validationLoss(), 0.0);
    }
    straightParams.forEach((k, a) -> assertEquals(a, resumedParams.get(k), k.toString()));
    var done = assertThrows(InvalidInputException.class, () -> TrainingJob.resume(dir, 4));
    assertTrue(done.getMessage().contains("finished 4 epochs"), done.getMessage());
  }

  @Test
  void divergence_names_the_epoch_and_leaves_the_last_good_checkpoint(@TempDir Path dir) throws IOException {
    TrainingConfig good = config(1, "sgd", 1.0, 1.0);
    try (TrainingSession s = open(spec(), good)) {
      new Trainer(good, List.of(checkpoints(dir, spec()))).fit(s, data());
    }
    Checkpoint c = CheckpointStore.read(dir);
    TrainingConfig wild = config(3, "sgd", 1e38, 0);
    TrainingDivergedException e;
    try (TrainingSession s = backend.openTraining(c.spec(), c.params(), Optimizer.named("sgd"))) {
      e = assertThrows(TrainingDivergedException.class,
          () -> new Trainer(wild, List.of(checkpoints(dir, spec()))).fit(s, data(), c.history()));
    }
    assertTrue(e.epoch() >= 2, "epoch " + e.epoch());
    assertTrue(e.getMessage().contains("epoch " + e.epoch()), e.getMessage());
    Checkpoint kept = CheckpointStore.read(dir);
    assertEquals(e.epoch() - 1, kept.epochsDone(), "the checkpoint holds the last good epoch");
    kept.params().forEach((k, a) -> {
      for (float v : a.data()) {
        assertTrue(Float.isFinite(v), k + " is not finite in the kept checkpoint");
      }
    });
  }

  @Test
  void an_incompatible_checkpoint_is_refused_with_a_clear_message(@TempDir Path dir) throws IOException {
    TrainingConfig c = config(1, "sgd", 1.0, 1.0);
    try (TrainingSession s = open(spec(), c)) {
      new Trainer(c, List.of(checkpoints(dir, spec()))).fit(s, data());
    }
    Checkpoint saved = CheckpointStore.read(dir);
    ModelSpec wider = spec().toBuilder().hidden(20).build();
    InvalidInputException arch = assertThrows(InvalidInputException.class,
        () -> saved.checkResumable(wider, new TextData(TextSpec.defaults(), vocab(V))));
    assertTrue(arch.getMessage().contains("architecture"), arch.getMessage());
    InvalidInputException shapes = assertThrows(InvalidInputException.class,
        () -> backend.openTraining(wider, saved.params(), Optimizer.named("sgd")));
    assertTrue(shapes.getMessage().contains("--hidden"), shapes.getMessage());
    InvalidInputException vocab = assertThrows(InvalidInputException.class,
        () -> saved.checkResumable(spec(), new TextData(TextSpec.defaults(), vocab(V + 1))));
    assertTrue(vocab.getMessage().contains("vocabulary"), vocab.getMessage());
    ModelSpec moreWords = spec().toBuilder().vocabSize(V + 1).build();
    assertThrows(InvalidInputException.class, () -> backend.openInference(moreWords, saved.params()));
  }
}
