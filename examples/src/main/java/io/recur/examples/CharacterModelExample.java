package io.recur.examples;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.recur.core.backend.Backend;
import io.recur.core.backend.BackendSelector;
import io.recur.core.cell.CellRegistry;
import io.recur.core.checkpoint.CheckpointStore;
import io.recur.core.checkpoint.TrainingJob;
import io.recur.core.config.RecurConfig;
import io.recur.core.inference.Decoding;
import io.recur.core.inference.Generator;
import io.recur.core.inference.LoadedModel;
import io.recur.core.inference.ModelLoader;
import io.recur.core.inject.CoreModule;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.SequenceModel;
import io.recur.core.sequence.Sequence;
import io.recur.core.sequence.TextData;
import io.recur.core.sequence.TextSpec;
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingData;
import io.recur.data.corpus.TokenizedCorpus;
import io.recur.data.partition.SequentialPartitioner;
import io.recur.data.text.TextPipeline;
import io.recur.examples.listeners.ProgressListener;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Trains a character-level LSTM on the bundled Time Machine text with a checkpoint after every
 * epoch, resuming the checkpoint when one is there, and generates from it — the README's "Using
 * Recur from Java" example. Run: {@code java -cp examples/target/recur.jar
 * io.recur.examples.CharacterModelExample [epochs] [checkpoint-dir]}.
 */
public final class CharacterModelExample {
  private CharacterModelExample() {}

  public static void main(String[] args) {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path out = Path.of(args.length > 1 ? args[1] : "runs/example");

    // Text → tokens → vocabulary → ids; the last 10% is held out.
    TokenizedCorpus corpus = TokenizedCorpus.load("timemachine", TextSpec.defaults(), 0);
    Sequence[] parts = corpus.ids().splitTail(0.1);
    TrainingData data = TrainingData.text(parts[0], Optional.of(parts[1]), SequentialPartitioner.training(),
        SequentialPartitioner.evaluation());

    // Backends are found on the class path; the configured one (nd4j by default) is instantiated.
    Injector injector = Guice.createInjector(new CoreModule(RecurConfig.defaults()));
    Backend backend = injector.getInstance(BackendSelector.class).select();

    // A new run, or the checkpoint's run continued up to `epochs` (same numbers as an uninterrupted run).
    ModelSpec spec = ModelSpec.builder().cell("lstm").vocabSize(corpus.vocab().size()).hidden(256).build();
    TrainingJob job = CheckpointStore.isCheckpoint(out)
        ? TrainingJob.resume(out, epochs)
        : TrainingJob.start(SequenceModel.of(spec, injector.getInstance(CellRegistry.class)),
            new TextData(corpus.spec(), corpus.vocab()), TrainingConfig.defaults().withEpochs(epochs)).checkpointTo(out);
    job.listen(ProgressListener.toStandardError()).run(backend, data);

    // Load the checkpoint for inference and generate greedily after a warm-up prefix.
    TextPipeline text = TextPipeline.of(corpus.spec());
    int[] prefix = corpus.vocab().indicesOf(text.tokenize("time traveller"));
    try (LoadedModel model = injector.getInstance(ModelLoader.class).load(out)) {
      int[] tokens = new Generator(model.model()).generate(prefix, 100, Decoding.greedy(), 0).tokens();
      System.out.println("time traveller" + text.join(corpus.vocab().tokensOf(tokens)));
    }
  }
}
