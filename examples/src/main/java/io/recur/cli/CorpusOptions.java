package io.recur.cli;

import io.recur.core.sequence.Sequence;
import io.recur.core.sequence.TextSpec;
import io.recur.data.corpus.TokenizedCorpus;
import picocli.CommandLine.Option;

/**
 * The corpus options of {@code CLI.md} ("Corpora and tokens"), mixed into every subcommand that
 * reads text: which corpus, how it is preprocessed and tokenised, the vocabulary's minimum
 * frequency, and the held-out fraction. {@link #load()} gives the tokens, vocabulary and ids;
 * {@link #split} the training head and validation tail.
 */
public final class CorpusOptions {
  @Option(names = "--corpus", paramLabel = "NAME|PATH", defaultValue = "timemachine",
      description = "Bundled corpus (timemachine) or the path of a UTF-8 text file (default: ${DEFAULT-VALUE}).")
  String corpus;

  @Option(names = "--tokenizer", paramLabel = "char|word", defaultValue = "char",
      description = "Character or word tokens (default: ${DEFAULT-VALUE}).")
  String tokenizer;

  @Option(names = "--preprocess", paramLabel = "letters|none", defaultValue = "letters",
      description = "letters: every run of non-letters becomes one space, lower case; none: the text as is, "
          + "and word tokens get <eos> at each line end (default: ${DEFAULT-VALUE}).")
  String preprocess;

  @Option(names = "--min-freq", paramLabel = "N", defaultValue = "0",
      description = "Tokens seen fewer than N times map to <unk> (default: ${DEFAULT-VALUE}).")
  int minFreq;

  @Option(names = "--val-fraction", paramLabel = "F", defaultValue = "0.1",
      description = "Hold out the last fraction F of the token stream for validation (default: ${DEFAULT-VALUE}).")
  double valFraction;

  /** The corpus name or path. */
  public String corpus() {
    return corpus;
  }

  /** How the text becomes tokens. */
  public TextSpec textSpec() {
    return new TextSpec(preprocess, tokenizer);
  }

  public int minFreq() {
    return minFreq;
  }

  public double valFraction() {
    return valFraction;
  }

  /** Loads the corpus, tokenises it and builds the vocabulary over all of its tokens. */
  public TokenizedCorpus load() {
    return load(textSpec());
  }

  /** {@link #load()} with another text spec (a resumed model's own). */
  public TokenizedCorpus load(TextSpec text) {
    return TokenizedCorpus.load(corpus, text, minFreq);
  }

  /** {training head, validation tail}: the ids split at {@code ⌊L·(1 − F)⌋}. */
  public Sequence[] split(TokenizedCorpus loaded) {
    return loaded.ids().splitTail(valFraction);
  }
}
