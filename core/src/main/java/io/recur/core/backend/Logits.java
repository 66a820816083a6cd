package io.recur.core.backend;

/**
 * A model's outputs, time-major: element {@code [t][b][v]} at {@code (t·batch + b)·vocab + v} —
 * unnormalised next-token scores of a language model ({@code vocab} = V), or a series model's
 * predicted values ({@code vocab} = D values per step).
 */
public record Logits(int steps, int batch, int vocab, float[] data) {
  public Logits {
    if ((long) steps * batch * vocab != data.length) {
      throw new IllegalArgumentException("logits [" + steps + ", " + batch + ", " + vocab + "] need "
          + (long) steps * batch * vocab + " values, got " + data.length);
    }
  }

  public float get(int t, int b, int v) {
    return data[(t * batch + b) * vocab + v];
  }

  /** The offset of row {@code (t, b)} in {@link #data()}. */
  public int offset(int t, int b) {
    return (t * batch + b) * vocab;
  }

  /** {@code log softmax(scores of (t, b))[target]}: see {@link #logProbability(float[], int, int, int)}. */
  public double logProbability(int t, int b, int target) {
    return logProbability(data, offset(t, b), vocab, target);
  }

  /**
   * {@code log softmax(logits[offset, offset + n))[target]}, computed stably in double (the
   * maximum subtracted first), without allocating.
   *
   * @throws IllegalStateException if a logit is NaN or +∞, or every logit is −∞ (a broken model)
   */
  public static double logProbability(float[] logits, int offset, int n, int target) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      float v = logits[offset + i];
      if (Float.isNaN(v) || v == Float.POSITIVE_INFINITY) {
        throw new IllegalStateException("logit of token " + i + " is " + v
            + "; the model's parameters or state are not finite (did training diverge?)");
      }
      max = Math.max(max, v);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      throw new IllegalStateException("every logit is -Infinity; the model gives no token any probability");
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.exp(logits[offset + i] - max);
    }
    return logits[offset + target] - max - Math.log(sum);
  }

  /** A copy of the scores for step {@code t}, row {@code b}. */
  public float[] row(int t, int b) {
    float[] r = new float[vocab];
    System.arraycopy(data, offset(t, b), r, 0, vocab);
    return r;
  }
}
