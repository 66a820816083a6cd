package io.recur.core.inference;

import java.util.Arrays;

/**
 * What a {@link Generator} produced: the generated token ids (the prefix not included), the time
 * spent reading the prefix, and the decoding time per step after it.
 *
 * @param prefixMs milliseconds spent feeding the prefix (the warm-up)
 * @param msPerToken milliseconds per decoding step after the warm-up: choosing a token and, except
 *     after the last one, feeding it back (for beam search, one step advances every live hypothesis)
 */
public record Generation(int[] tokens, double prefixMs, double msPerToken) {
  public Generation {
    tokens = tokens.clone();
  }

  @Override
  public int[] tokens() {
    return tokens.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Generation g && Arrays.equals(tokens, g.tokens)
        && prefixMs == g.prefixMs && msPerToken == g.msPerToken;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(tokens);
  }

  @Override
  public String toString() {
    return "Generation(" + tokens.length + " tokens, " + msPerToken + " ms/token)";
  }
}
