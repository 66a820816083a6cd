package io.recur.cli;

import com.google.gson.JsonObject;
import io.recur.core.InvalidInputException;
import io.recur.core.sequence.Sequence;
import io.recur.data.corpus.TokenizedCorpus;
import io.recur.data.stats.NgramModel;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recur ngram}: trains an add-alpha n-gram model on the training head of a corpus and
 * reports its perplexity there and on the held-out tail — the count-based baseline for the
 * neural models.
 */
@Command(name = "ngram", mixinStandardHelpOptions = true,
    description = "n-gram language model with Laplace (add-alpha) smoothing: P(w|ctx) = (c(ctx,w) + A) / (c(ctx) + A*V). "
        + "Trains on the head of the corpus, reports perplexity on it and on the held-out tail (--val-fraction); "
        + "the first N-1 tokens of each part serve only as context.")
final class NgramCommand implements Callable<Integer> {
  @Mixin
  CorpusOptions corpus;

  @Mixin
  JsonOutput output;

  @Option(names = "--n", paramLabel = "N", defaultValue = "3", description = "Order of the model (default: ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--alpha", paramLabel = "A", defaultValue = "1",
      description = "Pseudo-count added to every n-gram, > 0 (default: ${DEFAULT-VALUE}).")
  double alpha;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (!(corpus.valFraction() > 0)) {
      throw new InvalidInputException("ngram reports held-out perplexity, so --val-fraction must be > 0 (got "
          + corpus.valFraction() + "); pass e.g. --val-fraction 0.1");
    }
    TokenizedCorpus c = corpus.load();
    Sequence[] parts = corpus.split(c);
    int shortest = Math.min(parts[0].length(), parts[1].length());
    if (n > shortest) {
      throw new InvalidInputException("n must be at most " + shortest + " here (got " + n + "): the " + (parts[1].length() < parts[0]
          .length() ? "held-out" : "training") + " part has " + shortest + " tokens and perplexity needs one full n-gram; "
          + "pass a smaller --n");
    }
    NgramModel model = NgramModel.train(parts[0], n, alpha, c.vocab().size());
    JsonObject r = new JsonObject();
    r.addProperty("corpus", c.source());
    r.addProperty("preprocess", c.spec().preprocess());
    r.addProperty("tokenizer", c.spec().tokenizer());
    r.addProperty("n", n);
    r.addProperty("alpha", alpha);
    r.addProperty("vocab", c.vocab().size());
    r.addProperty("train_tokens", parts[0].length());
    r.addProperty("val_tokens", parts[1].length());
    r.addProperty("train_ppl", model.perplexity(parts[0]));
    r.addProperty("val_ppl", model.perplexity(parts[1]));
    output.print(spec.commandLine().getOut(), r);
    return 0;
  }
}
