package io.recur.spark;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.recur.core.backend.Backend;
import io.recur.core.backend.BackendSelector;
import io.recur.core.cell.CellRegistry;
import io.recur.core.checkpoint.TrainingJob;
import io.recur.core.config.RecurConfig;
import io.recur.core.inject.CoreModule;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.SequenceModel;
import io.recur.core.ops.Initializers;
import io.recur.core.sequence.Sequence;
import io.recur.core.sequence.TextData;
import io.recur.core.sequence.TextSpec;
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingData;
import io.recur.data.corpus.TokenizedCorpus;
import io.recur.data.partition.Partitioners;
import java.util.Optional;

/**
 * Small runs for the tests: the first 8,000 characters of the bundled Time Machine text for
 * training and the next 1,000 held out, a one-layer GRU of 24 units, minibatches of 8 × 20, on ND4J
 * with one thread.
 */
final class Runs {
  static final RecurConfig CONFIG = RecurConfig.defaults().withThreads(1);
  static final TokenizedCorpus CORPUS = TokenizedCorpus.load("timemachine", TextSpec.defaults(), 0);
  static final Sequence TRAIN = CORPUS.ids().slice(0, 8_000);
  static final Sequence HELD_OUT = CORPUS.ids().slice(8_000, 9_000);
  private static final Injector INJECTOR = Guice.createInjector(new CoreModule(CONFIG));

  private Runs() {}

  static Backend backend() {
    return INJECTOR.getInstance(BackendSelector.class).select();
  }

  static ModelSpec spec(double dropout) {
    return ModelSpec.builder().cell("gru").vocabSize(CORPUS.vocab().size()).hidden(24).dropout(dropout).build();
  }

  static TrainingConfig config(int epochs, String optimizer, double lr, double clip) {
    return new TrainingConfig(epochs, 8, 20, "sequential", optimizer, lr, clip, 1.0, 0, Initializers.Scheme.XAVIER, 3);
  }

  static TrainingJob job(ModelSpec spec, TrainingConfig config) {
    return TrainingJob.start(SequenceModel.of(spec, INJECTOR.getInstance(CellRegistry.class)), textData(), config);
  }

  static TextData textData() {
    return new TextData(CORPUS.spec(), CORPUS.vocab());
  }

  static TrainingData data(TrainingConfig config) {
    return TrainingData.text(TRAIN, Optional.of(HELD_OUT), Partitioners.byName(config.partition()), Partitioners.evaluation());
  }

  static SparkTrainer spark(int workers, int averageEvery) {
    return SparkTrainer.on(TestSpark.local(), new DataParallel(workers, averageEvery), WorkerBackend.configured(CONFIG));
  }
}
