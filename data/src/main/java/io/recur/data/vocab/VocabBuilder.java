package io.recur.data.vocab;

import io.recur.core.InvalidInputException;
import io.recur.core.sequence.Vocab;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Vocab} from a token list. The order is that of {@code d2l.Vocab} (and of the
 * PyTorch peer): index 0 is {@code <unk>}, then the reserved tokens in the order given, then
 * every other token by descending frequency, ties in order of first occurrence. Tokens seen
 * fewer than {@code minFreq} times are left out (they map to {@code <unk>}); reserved tokens are
 * always kept. Each entry's count is its number of occurrences in the tokens — for
 * {@code <unk>} that is how often the literal token {@code <unk>} occurs (WikiText and PTB
 * contain it), not counting the tokens left out.
 */
public final class VocabBuilder {
  private VocabBuilder() {}

  /** {@code build(tokens, 0, List.of())}: every distinct token, plus {@code <unk>}. */
  public static Vocab build(List<String> tokens) {
    return build(tokens, 0, List.of());
  }

  /**
   * @param minFreq tokens occurring fewer times are left out; 0 and 1 keep everything
   * @param reserved tokens placed right after {@code <unk>}, whether or not they occur
   * @throws InvalidInputException if {@code minFreq < 0} or a reserved token is listed twice
   */
  public static Vocab build(List<String> tokens, int minFreq, List<String> reserved) {
    if (minFreq < 0) {
      throw new InvalidInputException("min-freq must be >= 0 (got " + minFreq + "); pass --min-freq N");
    }
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (String t : tokens) {
      counts.computeIfAbsent(t, k -> new long[1])[0]++;
    }
    List<String> order = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    order.add(Vocab.UNK);
    seen.put(Vocab.UNK, 0);
    for (String r : reserved) {
      if (seen.putIfAbsent(r, order.size()) != null) {
        throw new InvalidInputException("reserved token '" + r + "' is listed twice (or is " + Vocab.UNK
            + ", which is always index 0); list each reserved token once");
      }
      order.add(r);
    }
    List<Map.Entry<String, long[]>> byFrequency = new ArrayList<>(counts.entrySet());
    byFrequency.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed());
    for (Map.Entry<String, long[]> e : byFrequency) {
      if (e.getValue()[0] < minFreq) {
        break;
      }
      if (seen.putIfAbsent(e.getKey(), order.size()) == null) {
        order.add(e.getKey());
      }
    }
    long[] c = new long[order.size()];
    for (int i = 0; i < c.length; i++) {
      long[] n = counts.get(order.get(i));
      c[i] = n == null ? 0 : n[0];
    }
    return new Vocab(order, c);
  }
}
