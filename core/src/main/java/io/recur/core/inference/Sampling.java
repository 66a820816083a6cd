package io.recur.core.inference;

import io.recur.core.InvalidInputException;
import io.recur.core.util.Rng;
import java.util.Arrays;

/**
 * Sampling from the model's distribution sharpened or flattened by a temperature, optionally
 * truncated. The steps, in order: divide the logits by {@code temperature} and take the softmax
 * (in double, stably); keep the {@code topK} most likely tokens ({@code 0}: all); of those, keep
 * the smallest set of most likely tokens whose renormalised mass is at least {@code topP}
 * ({@code 1}: all); renormalise and draw. Ties in likelihood are ranked by lower token id, so
 * {@code topK = 1} is exactly greedy; temperatures approaching 0 approach greedy too.
 */
public record Sampling(double temperature, int topK, double topP) implements Decoding, TokenSelector {
  public Sampling {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new InvalidInputException("temperature must be > 0 and finite (got " + temperature
          + "); pass --temperature X with X > 0 (small X approaches --greedy)");
    }
    if (topK < 0) {
      throw new InvalidInputException("top-k must be >= 0 (got " + topK + "; 0 keeps every token); pass --top-k K");
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new InvalidInputException("top-p must be in (0, 1] (got " + topP + "; 1 keeps every token); pass --top-p P");
    }
  }

  /** Plain sampling at {@code temperature}, untruncated. */
  public static Sampling withTemperature(double temperature) {
    return new Sampling(temperature, 0, 1.0);
  }

  public Sampling withTopK(int k) {
    return new Sampling(temperature, k, topP);
  }

  public Sampling withTopP(double p) {
    return new Sampling(temperature, topK, p);
  }

  /**
   * The distribution tokens are drawn from, over {@code logits[offset, offset + vocab)}: zero
   * outside the kept tokens, summing to 1.
   */
  public double[] distribution(float[] logits, int offset, int vocab) {
    double[] p = Softmax.probabilities(logits, offset, vocab, temperature);
    int keep = topK == 0 ? vocab : Math.min(topK, vocab);
    if (keep == vocab && topP == 1) {
      return p;
    }
    int[] order = descending(logits, offset, vocab);
    double mass = 0;
    for (int i = 0; i < keep; i++) {
      mass += p[order[i]];
    }
    if (topP < 1) {
      double cumulative = 0;
      int n = 0;
      while (n < keep && cumulative < topP) {
        cumulative += p[order[n++]] / mass;
      }
      keep = n;
      mass = 0;
      for (int i = 0; i < keep; i++) {
        mass += p[order[i]];
      }
    }
    double[] q = new double[vocab];
    for (int i = 0; i < keep; i++) {
      q[order[i]] = p[order[i]] / mass;
    }
    return q;
  }

  @Override
  public int select(float[] logits, int offset, int vocab, Rng rng) {
    double[] q = distribution(logits, offset, vocab);
    double u = rng.nextDouble();
    double cumulative = 0;
    int last = -1;
    for (int i = 0; i < vocab; i++) {
      if (q[i] > 0) {
        cumulative += q[i];
        last = i;
        if (u < cumulative) {
          return i;
        }
      }
    }
    return last;
  }

  /**
   * Token ids by descending logit (which is descending probability at any temperature), lower id
   * first among ties: each key is the logit's order-preserving integer form, inverted, above the
   * id, so one primitive sort ranks them.
   */
  private static int[] descending(float[] logits, int offset, int vocab) {
    long[] keys = new long[vocab];
    for (int i = 0; i < vocab; i++) {
      int bits = Float.floatToIntBits(logits[offset + i] + 0.0f);
      int ordered = bits ^ ((bits >> 31) & 0x7fffffff);
      keys[i] = ((long) ~ordered << 32) | i;
    }
    Arrays.sort(keys);
    int[] order = new int[vocab];
    for (int i = 0; i < vocab; i++) {
      order[i] = (int) keys[i];
    }
    return order;
  }
}
