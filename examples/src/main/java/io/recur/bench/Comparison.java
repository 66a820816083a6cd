package io.recur.bench;

import io.recur.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Recur and, optionally, a peer measured in alternation — Recur, peer, Recur, peer, … — so that
 * both meet the same conditions on a shared machine; the medians over the rounds, and Recur's
 * speed relative to the peer's from those medians.
 *
 * @param peer empty lists when there was no peer
 */
public record Comparison(List<BenchResult> recur, List<BenchResult> peer) {
  public Comparison {
    recur = List.copyOf(recur);
    peer = List.copyOf(peer);
    if (recur.isEmpty() || !(peer.isEmpty() || peer.size() == recur.size())) {
      throw new IllegalArgumentException("need at least one round, and as many peer rounds as Recur rounds (got "
          + recur.size() + " and " + peer.size() + ")");
    }
  }

  /**
   * Runs {@code rounds} rounds; each runs {@code recur} and then, if present, {@code peer}, both
   * given the round number (1-based).
   */
  public static Comparison interleave(int rounds, IntFunction<BenchResult> recur, Optional<IntFunction<BenchResult>> peer) {
    if (rounds <= 0) {
      throw new InvalidInputException("rounds must be > 0 (got " + rounds + "); pass --rounds R");
    }
    List<BenchResult> mine = new ArrayList<>();
    List<BenchResult> theirs = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      mine.add(recur.apply(round));
      if (peer.isPresent()) {
        theirs.add(peer.get().apply(round));
      }
    }
    return new Comparison(mine, theirs);
  }

  public BenchResult recurMedian() {
    return BenchResult.median(recur);
  }

  public Optional<BenchResult> peerMedian() {
    return peer.isEmpty() ? Optional.empty() : Optional.of(BenchResult.median(peer));
  }

  /** Recur's median speed over the peer's ({@code > 1}: Recur is faster); empty without a peer. */
  public Optional<BenchResult.Speedup> speedup() {
    return peerMedian().map(p -> recurMedian().speedupOver(p));
  }
}
