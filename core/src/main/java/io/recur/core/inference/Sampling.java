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
    if ((topK == 0 || topK >= vocab) && topP == 1) {
      return p;
    }
    int[] order = candidates(logits, offset, p);
    int keep = order.length;
    if (topP < 1) {
      double mass = topK == 0 ? 1.0 : mass(p, order, keep);
      double cumulative = 0;
      int n = 0;
      while (n < keep && cumulative < topP) {
        cumulative += p[order[n++]] / mass;
      }
      keep = n;
    }
    double kept = mass(p, order, keep);
    double[] q = new double[vocab];
    for (int i = 0; i < keep; i++) {
      q[order[i]] = p[order[i]] / kept;
    }
    return q;
  }

  private static double mass(double[] p, int[] ids, int n) {
    double m = 0;
    for (int i = 0; i < n; i++) {
      m += p[ids[i]];
    }
    return m;
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
   * The tokens that may be kept, most likely first (lower id first among ties): the top k; or,
   * with top-p alone, every token of probability at least {@code (1 − topP) / 2V} — the others
   * together hold less than half of {@code 1 − topP}, so the nucleus is among these, and the
   * sort stays short even for word-level vocabularies.
   */
  private int[] candidates(float[] logits, int offset, double[] p) {
    int vocab = p.length;
    long[] keys;
    if (topK > 0) {
      keys = best(logits, offset, vocab, Math.min(topK, vocab));
    } else {
      double floor = (1 - topP) / (2.0 * vocab);
      keys = new long[vocab];
      int n = 0;
      for (int i = 0; i < vocab; i++) {
        if (p[i] >= floor) {
          keys[n++] = key(logits[offset + i], i);
        }
      }
      keys = Arrays.copyOf(keys, n);
      Arrays.sort(keys);
    }
    int[] ids = new int[keys.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (int) keys[i];
    }
    return ids;
  }

  /** The {@code k} smallest keys, sorted: one pass, inserting into a sorted array of k. */
  private static long[] best(float[] logits, int offset, int vocab, int k) {
    long[] top = new long[k];
    int count = 0;
    for (int i = 0; i < vocab; i++) {
      long key = key(logits[offset + i], i);
      if (count == k && key >= top[k - 1]) {
        continue;
      }
      int pos = count == k ? k - 1 : count++;
      while (pos > 0 && top[pos - 1] > key) {
        top[pos] = top[pos - 1];
        pos--;
      }
      top[pos] = key;
    }
    return top;
  }

  /**
   * A sort key that orders tokens by descending logit (descending probability at any
   * temperature), then ascending id: the logit's order-preserving integer form, inverted, above
   * the id. ({@code + 0.0f} folds −0 into +0, which compare equal as logits.)
   */
  private static long key(float logit, int id) {
    int bits = Float.floatToIntBits(logit + 0.0f);
    int ordered = bits ^ ((bits >> 31) & 0x7fffffff);
    return ((long) ~ordered << 32) | id;
  }
}
