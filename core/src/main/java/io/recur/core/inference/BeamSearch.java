package io.recur.core.inference;

import io.recur.core.InvalidInputException;
import java.util.OptionalInt;

/**
 * Beam search: keeps the {@code width} most likely continuations at every step and returns the
 * one with the best length-normalised score {@code log p(y) / |y|^lengthPenalty}, where
 * {@code log p(y)} is the sum of the generated tokens' log-probabilities and {@code |y|} their
 * number (the prefix not counted). The default penalty 1 ranks by mean log-probability per token;
 * 0 ranks by total log-probability, which favours short hypotheses. Lengths differ only when
 * hypotheses can end: with an {@code endToken}, a hypothesis that emits it is finished (the end
 * token counts in its length); without one, every hypothesis has the same length and the penalty
 * changes nothing. Width 1 is exactly greedy decoding (up to and including the end token).
 */
public record BeamSearch(int width, double lengthPenalty, OptionalInt endToken) implements Decoding {
  /** Plain division by the length: the mean log-probability per generated token. */
  public static final double DEFAULT_LENGTH_PENALTY = 1.0;

  public BeamSearch {
    if (width <= 0) {
      throw new InvalidInputException("beam width must be > 0 (got " + width + "); pass --beam W");
    }
    if (!(lengthPenalty >= 0) || Double.isInfinite(lengthPenalty)) {
      throw new InvalidInputException("length penalty must be >= 0 and finite (got " + lengthPenalty
          + "); 1 ranks hypotheses by mean log-probability, 0 by total");
    }
    if (endToken.isPresent() && endToken.getAsInt() < 0) {
      throw new InvalidInputException("end token id must be >= 0 (got " + endToken.getAsInt() + ")");
    }
  }

  /** Width {@code width}, the default length penalty, no end token. */
  public static BeamSearch of(int width) {
    return new BeamSearch(width, DEFAULT_LENGTH_PENALTY, OptionalInt.empty());
  }

  public BeamSearch withLengthPenalty(double alpha) {
    return new BeamSearch(width, alpha, endToken);
  }

  public BeamSearch withEndToken(int token) {
    return new BeamSearch(width, lengthPenalty, OptionalInt.of(token));
  }

  /** The score hypotheses are ranked by: {@code logProbability / length^lengthPenalty}. */
  public double normalized(double logProbability, int length) {
    return logProbability / Math.pow(length, lengthPenalty);
  }
}
