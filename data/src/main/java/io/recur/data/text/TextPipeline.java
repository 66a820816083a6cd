package io.recur.data.text;

import io.recur.core.sequence.TextSpec;
import java.util.List;

/**
 * Raw text to tokens and back, as a {@link TextSpec} says: preprocessing, then the tokenizer.
 * {@code word} tokens carry {@code <eos>} at line ends only with preprocessing {@code none}
 * ({@code letters} leaves no line ends). Immutable and thread-safe.
 */
public final class TextPipeline {
  private final TextSpec spec;
  private final Preprocessing preprocessing;
  private final Tokenizer tokenizer;

  private TextPipeline(TextSpec spec) {
    this.spec = spec;
    this.preprocessing = Preprocessing.byName(spec.preprocess());
    this.tokenizer = spec.tokenizer().equals("char")
        ? new CharTokenizer()
        : new WordTokenizer(preprocessing == Preprocessing.NONE);
  }

  public static TextPipeline of(TextSpec spec) {
    return new TextPipeline(spec);
  }

  public TextSpec spec() {
    return spec;
  }

  /** Preprocesses and tokenises {@code rawText}. */
  public List<String> tokenize(CharSequence rawText) {
    return tokenizer.tokenize(preprocessing.apply(rawText));
  }

  /**
   * Preprocesses and tokenises the beginning of a text that a model is to continue (a generation
   * prefix). As {@link #tokenize}, except that with {@code none} + {@code word} an unfinished last
   * line gets no {@code <eos>}: {@code "time traveller"} is two tokens, {@code "time traveller\n"}
   * three — the corpus file's last line is over, a prefix's is not.
   */
  public List<String> tokenizePrefix(CharSequence rawText) {
    return tokenizer.tokenizePrefix(preprocessing.apply(rawText));
  }

  /** Text for a list of tokens: concatenated for {@code char}; for {@code word}, space-separated with line ends for {@code <eos>}. */
  public String join(List<String> tokens) {
    return tokenizer.join(tokens);
  }

  @Override
  public String toString() {
    return "TextPipeline(" + spec.preprocess() + ", " + spec.tokenizer() + ")";
  }
}
