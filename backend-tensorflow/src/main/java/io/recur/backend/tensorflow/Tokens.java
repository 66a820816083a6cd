package io.recur.backend.tensorflow;

import io.recur.core.InvalidInputException;

/** Checks token ids from callers before they reach native code. */
final class Tokens {
  private Tokens() {}

  /** @throws InvalidInputException naming the first id outside {@code [0, vocab)}, or a ragged or empty batch */
  static void check(int[][] tokens, int vocab) {
    if (tokens.length == 0 || tokens[0].length == 0) {
      throw new InvalidInputException("no tokens to feed: a batch needs at least one row of at least one token");
    }
    for (int b = 0; b < tokens.length; b++) {
      if (tokens[b].length != tokens[0].length) {
        throw new InvalidInputException("ragged batch: row " + b + " has " + tokens[b].length
            + " tokens, row 0 has " + tokens[0].length + "; feed rows of equal length");
      }
      for (int t = 0; t < tokens[b].length; t++) {
        int id = tokens[b][t];
        if (id < 0 || id >= vocab) {
          throw new InvalidInputException("token id " + id + " (row " + b + ", step " + t + ") is outside the model's vocabulary of "
              + vocab + " tokens; encode text with the model's vocabulary");
        }
      }
    }
  }
}
