package io.recur.data.corpus;

import io.recur.core.InvalidInputException;
import io.recur.core.sequence.Sequence;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;
import io.recur.data.text.TextPipeline;
import io.recur.data.vocab.VocabBuilder;
import java.util.List;
import java.util.Objects;

/**
 * A corpus as a model sees it: the raw text, how it is tokenised, the vocabulary built from all
 * of its tokens ({@link VocabBuilder} order, {@code minFreq} applied) and the token-id stream.
 * Split the stream for validation with {@link Sequence#splitTail}; the vocabulary covers both
 * parts, as in the textbook and the PyTorch peer.
 *
 * @param source the corpus name or path it was loaded from
 */
public record TokenizedCorpus(String source, String text, TextSpec spec, Vocab vocab, Sequence ids) {
  public TokenizedCorpus {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(vocab, "vocab");
    Objects.requireNonNull(ids, "ids");
  }

  /**
   * Loads {@code nameOrPath} with {@link Corpora#load}, tokenises it with {@code spec} and builds
   * the vocabulary.
   *
   * @throws io.recur.core.InvalidInputException for a bad file, a bad spec, or a text without tokens
   */
  public static TokenizedCorpus load(String nameOrPath, TextSpec spec, int minFreq) {
    return of(nameOrPath, Corpora.load(nameOrPath), spec, minFreq);
  }

  /** Tokenises {@code text} with {@code spec} and builds the vocabulary. */
  public static TokenizedCorpus of(String source, String text, TextSpec spec, int minFreq) {
    List<String> tokens = TextPipeline.of(spec).tokenize(text);
    if (tokens.isEmpty()) {
      throw new InvalidInputException("corpus " + source + " has no " + spec.tokenizer()
          + " tokens after preprocessing '" + spec.preprocess() + "'; pass a text with content or --preprocess none");
    }
    Vocab vocab = VocabBuilder.build(tokens, minFreq, List.of());
    return new TokenizedCorpus(source, text, spec, vocab, Sequence.of(vocab.indicesOf(tokens)));
  }

  /** The ids of another text under this corpus's preprocessing, tokenizer and vocabulary (unknown tokens → {@code <unk>}). */
  public Sequence encode(CharSequence otherText) {
    return Sequence.of(vocab.indicesOf(TextPipeline.of(spec).tokenize(otherText)));
  }

  /** The token count. */
  public int length() {
    return ids.length();
  }
}
