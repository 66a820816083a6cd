package io.recur.data.stats;

import java.util.List;

/**
 * The n-grams of one order in a token stream: how many distinct ones occur and the most frequent,
 * by descending count, ties in order of first occurrence.
 */
public record NgramSummary(int n, int distinct, List<NgramCount> top) {
  public NgramSummary {
    top = List.copyOf(top);
  }
}
