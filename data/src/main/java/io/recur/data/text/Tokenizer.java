package io.recur.data.text;

import java.util.List;

/**
 * Splits text into tokens and joins tokens back into text. Implementations are pure functions,
 * so one instance may be shared by any number of threads.
 */
public interface Tokenizer {
  List<String> tokenize(CharSequence text);

  /** Text whose tokenisation gives {@code tokens} back (white space may be normalised). */
  String join(List<String> tokens);
}
