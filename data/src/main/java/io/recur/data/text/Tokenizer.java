package io.recur.data.text;

import java.util.List;

/**
 * Splits text into tokens and joins tokens back into text. Implementations are pure functions,
 * so one instance may be shared by any number of threads.
 */
public interface Tokenizer {
  List<String> tokenize(CharSequence text);

  /**
   * Tokenises the beginning of a text that goes on — a prefix a model is to continue: as
   * {@link #tokenize}, except that nothing marks the end of an unfinished last line.
   */
  default List<String> tokenizePrefix(CharSequence text) {
    return tokenize(text);
  }

  /** Text whose tokenisation gives {@code tokens} back (white space may be normalised). */
  String join(List<String> tokens);
}
