package io.recur.core.inference;

import io.recur.core.backend.Logits;

/**
 * Numerically stable softmax over one row of float logits, computed in double: the maximum is
 * subtracted before exponentiating, so logits of any magnitude (and temperatures close to zero)
 * neither overflow nor lose the winner. Logits that are NaN or +∞ mean the model is broken and
 * are refused; −∞ is allowed (a token that can never be chosen) as long as one logit is finite.
 */
public final class Softmax {
  private Softmax() {}

  /**
   * {@code log softmax(logits / temperature)} of {@code logits[offset, offset + n)}.
   *
   * @param temperature > 0; 1 is the model's own distribution
   */
  public static double[] logSoftmax(float[] logits, int offset, int n, double temperature) {
    double max = max(logits, offset, n);
    double[] out = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      out[i] = (logits[offset + i] - max) / temperature;
      sum += Math.exp(out[i]);
    }
    double logSum = Math.log(sum);
    for (int i = 0; i < n; i++) {
      out[i] -= logSum;
    }
    return out;
  }

  /** {@code softmax(logits / temperature)} of {@code logits[offset, offset + n)}; sums to 1. */
  public static double[] probabilities(float[] logits, int offset, int n, double temperature) {
    double max = max(logits, offset, n);
    double[] p = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      p[i] = Math.exp((logits[offset + i] - max) / temperature);
      sum += p[i];
    }
    for (int i = 0; i < n; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /** {@code log softmax(logits)[target]} of {@code logits[offset, offset + n)}, without allocating. */
  public static double logProbability(float[] logits, int offset, int n, int target) {
    return Logits.logProbability(logits, offset, n, target);
  }

  /**
   * The index of the largest logit, the lowest index among ties (greedy decoding's rule).
   *
   * @throws IllegalStateException if a logit is NaN or +∞, or every logit is −∞
   */
  public static int argmax(float[] logits, int offset, int n) {
    int best = 0;
    for (int i = 0; i < n; i++) {
      check(logits, offset, i);
      if (logits[offset + i] > logits[offset + best]) {
        best = i;
      }
    }
    if (logits[offset + best] == Float.NEGATIVE_INFINITY) {
      throw new IllegalStateException("every logit is -Infinity; the model gives no token any probability");
    }
    return best;
  }

  private static double max(float[] logits, int offset, int n) {
    return logits[offset + argmax(logits, offset, n)];
  }

  private static void check(float[] logits, int offset, int i) {
    float v = logits[offset + i];
    if (Float.isNaN(v) || v == Float.POSITIVE_INFINITY) {
      throw new IllegalStateException("logit of token " + i + " is " + v
          + "; the model's parameters or state are not finite (did training diverge?)");
    }
  }
}
