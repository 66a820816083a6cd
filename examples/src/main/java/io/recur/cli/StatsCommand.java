package io.recur.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.recur.core.sequence.TextSpec;
import io.recur.data.corpus.TokenizedCorpus;
import io.recur.data.stats.CorpusStats;
import io.recur.data.stats.NgramCount;
import io.recur.data.stats.NgramSummary;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recur stats}: statistics of a whole corpus (no validation split) — token count,
 * vocabulary size ({@code <unk>} included), the most frequent tokens, distinct bigrams and
 * trigrams, and the Zipf exponent of the unigrams; for character tokens, also the word count
 * and word vocabulary of the same text.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Corpus statistics: tokens, vocabulary (with <unk>), top tokens, distinct bigrams and trigrams, "
        + "and the Zipf exponent fitted on the unigram rank-frequency curve. Reads the whole text (--val-fraction is ignored).")
final class StatsCommand implements Callable<Integer> {
  @Mixin
  CorpusOptions corpus;

  @Mixin
  JsonOutput output;

  @Option(names = "--top", paramLabel = "K", defaultValue = "10",
      description = "How many of the most frequent tokens, bigrams and trigrams to list (default: ${DEFAULT-VALUE}).")
  int top;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    TokenizedCorpus c = corpus.load();
    CorpusStats s = CorpusStats.of(c.ids(), c.vocab(), top);
    JsonObject r = new JsonObject();
    r.addProperty("corpus", c.source());
    r.addProperty("preprocess", c.spec().preprocess());
    r.addProperty("tokenizer", c.spec().tokenizer());
    r.addProperty("tokens", s.tokens());
    r.addProperty("vocab", s.vocab());
    r.add("top", tokenCounts(s.unigrams()));
    r.addProperty("zipf_alpha", s.zipfAlpha());
    r.addProperty("distinct_bigrams", s.bigrams().distinct());
    r.addProperty("distinct_trigrams", s.trigrams().distinct());
    r.add("top_bigrams", ngramCounts(s.bigrams()));
    r.add("top_trigrams", ngramCounts(s.trigrams()));
    if (c.spec().tokenizer().equals("char")) {
      TokenizedCorpus words = TokenizedCorpus.of(c.source(), c.text(), new TextSpec(c.spec().preprocess(), "word"), corpus.minFreq());
      r.addProperty("word_tokens", words.length());
      r.addProperty("word_vocab", words.vocab().size());
      r.addProperty("word_zipf_alpha", CorpusStats.of(words.ids(), words.vocab(), 0).zipfAlpha());
    }
    output.print(spec.commandLine().getOut(), r);
    return 0;
  }

  /** [[token, count], …] */
  private static JsonArray tokenCounts(NgramSummary unigrams) {
    JsonArray a = new JsonArray();
    for (NgramCount g : unigrams.top()) {
      JsonArray e = new JsonArray();
      e.add(g.tokens().get(0));
      e.add(g.count());
      a.add(e);
    }
    return a;
  }

  /** [[[token, …], count], …] */
  private static JsonArray ngramCounts(NgramSummary ngrams) {
    JsonArray a = new JsonArray();
    for (NgramCount g : ngrams.top()) {
      JsonArray tokens = new JsonArray();
      g.tokens().forEach(tokens::add);
      JsonArray e = new JsonArray();
      e.add(tokens);
      e.add(g.count());
      a.add(e);
    }
    return a;
  }
}
