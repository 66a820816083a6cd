package io.recur.core.sequence;

import io.recur.core.InvalidInputException;

/**
 * How raw text becomes tokens for a model — travels with every checkpoint and exported model so
 * that prompts and evaluation text are tokenised exactly as the training text was.
 *
 * @param preprocess {@code letters} (every run of non-letters → one space, lower case) or {@code none}
 * @param tokenizer {@code char} or {@code word}
 */
public record TextSpec(String preprocess, String tokenizer) {
  public TextSpec {
    if (!preprocess.equals("letters") && !preprocess.equals("none")) {
      throw new InvalidInputException("unknown preprocessing '" + preprocess + "'; available: [letters, none]; set --preprocess");
    }
    if (!tokenizer.equals("char") && !tokenizer.equals("word")) {
      throw new InvalidInputException("unknown tokenizer '" + tokenizer + "'; available: [char, word]; set --tokenizer");
    }
  }

  public static TextSpec defaults() {
    return new TextSpec("letters", "char");
  }

  /** The string placed between tokens when they are joined back into text. */
  public String separator() {
    return tokenizer.equals("char") ? "" : " ";
  }
}
