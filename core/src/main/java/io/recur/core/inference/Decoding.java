package io.recur.core.inference;

import io.recur.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link Generator} chooses tokens: {@link Greedy} (the most likely token),
 * {@link Sampling} (temperature, optionally truncated to the top k or the nucleus of mass p) or
 * {@link BeamSearch} (the W best continuations, ranked by length-normalised log-probability).
 * All are immutable values, safe to share between threads.
 */
public sealed interface Decoding permits Greedy, Sampling, BeamSearch {
  static Greedy greedy() {
    return new Greedy();
  }

  /**
   * The strategy the command-line options name: {@code --greedy} | {@code --temperature X
   * [--top-k K] [--top-p P]} | {@code --beam W}. An absent option is {@code null}. With no
   * option at all, decoding is greedy; {@code --top-k} or {@code --top-p} without
   * {@code --temperature} samples at temperature 1.
   *
   * @throws InvalidInputException if the options contradict each other or a value is out of range
   */
  static Decoding fromOptions(boolean greedy, Double temperature, Integer topK, Double topP, Integer beam) {
    List<String> modes = new ArrayList<>();
    if (greedy) {
      modes.add("--greedy");
    }
    if (temperature != null || topK != null || topP != null) {
      modes.add(temperature != null ? "--temperature" : topK != null ? "--top-k" : "--top-p");
    }
    if (beam != null) {
      modes.add("--beam");
    }
    if (modes.size() > 1) {
      throw new InvalidInputException("choose one decoding strategy (got " + String.join(" and ", modes)
          + "); pass --greedy, or --temperature X [--top-k K] [--top-p P], or --beam W");
    }
    if (beam != null) {
      return BeamSearch.of(beam);
    }
    if (modes.isEmpty() || greedy) {
      return greedy();
    }
    if (topK != null && topK < 1) {
      throw new InvalidInputException("top-k must be >= 1 (got " + topK + "); pass --top-k K, or leave it out to keep every token");
    }
    return new Sampling(temperature == null ? 1.0 : temperature, topK == null ? 0 : topK, topP == null ? 1.0 : topP);
  }
}
