package io.recur.data.stats;

import java.util.List;

/** One n-gram (its tokens, in order) and how often it occurs. */
public record NgramCount(List<String> tokens, long count) {
  public NgramCount {
    tokens = List.copyOf(tokens);
    if (tokens.isEmpty() || count < 0) {
      throw new IllegalArgumentException("an n-gram count needs tokens and a count >= 0 (got " + tokens + ", " + count + ")");
    }
  }
}
