package io.recur.examples;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.recur.core.backend.Backend;
import io.recur.core.backend.BackendSelector;
import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.TrainingSession;
import io.recur.core.cell.CellRegistry;
import io.recur.core.config.RecurConfig;
import io.recur.core.inference.Decoding;
import io.recur.core.inference.Generator;
import io.recur.core.inject.CoreModule;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.optim.Optimizer;
import io.recur.core.sequence.Sequence;
import io.recur.core.sequence.TextSpec;
import io.recur.core.train.Trainer;
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingData;
import io.recur.data.corpus.TokenizedCorpus;
import io.recur.data.partition.SequentialPartitioner;
import io.recur.data.text.TextPipeline;
import io.recur.examples.listeners.ProgressListener;
import java.util.List;
import java.util.Optional;

/**
 * Trains a character-level LSTM on the bundled Time Machine text and generates from it — the
 * README's "Using Recur from Java" example. Run: {@code java -cp examples/target/recur.jar
 * io.recur.examples.CharacterModelExample [epochs]}.
 */
public final class CharacterModelExample {
  private CharacterModelExample() {}

  public static void main(String[] args) {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 10;

    // Text → tokens → vocabulary → ids; the last 10% is held out.
    TokenizedCorpus corpus = TokenizedCorpus.load("timemachine", TextSpec.defaults(), 0);
    Sequence[] parts = corpus.ids().splitTail(0.1);

    // The backend comes from configuration; only the chosen one is instantiated.
    Injector injector = Guice.createInjector(new CoreModule(RecurConfig.defaults()));
    Backend backend = injector.getInstance(BackendSelector.class).select();

    ModelSpec spec = ModelSpec.builder().cell("lstm").vocabSize(corpus.vocab().size()).hidden(256).build();
    TrainingConfig config = TrainingConfig.defaults().withEpochs(epochs);
    ParameterSet initial = new LanguageModel(spec, injector.getInstance(CellRegistry.class))
        .initialize(config.init(), config.seed());

    ParameterSet trained;
    try (TrainingSession session = backend.openTraining(spec, initial, Optimizer.named(config.optimizer()))) {
      TrainingData data = TrainingData.text(parts[0], Optional.of(parts[1]), SequentialPartitioner.training(),
          SequentialPartitioner.evaluation());
      new Trainer(config, List.of(ProgressListener.toStandardError())).fit(session, data);
      trained = session.parameters();
    }

    // Generate greedily after a warm-up prefix.
    TextPipeline text = TextPipeline.of(corpus.spec());
    int[] prefix = corpus.vocab().indicesOf(text.tokenize("time traveller"));
    try (InferenceModel model = backend.openInference(spec, trained)) {
      int[] tokens = new Generator(model).generate(prefix, 100, Decoding.greedy(), 0).tokens();
      System.out.println("time traveller" + text.join(corpus.vocab().tokensOf(tokens)));
    }
  }
}
