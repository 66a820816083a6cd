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

  /** A copy of the scores for step {@code t}, row {@code b}. */
  public float[] row(int t, int b) {
    float[] r = new float[vocab];
    System.arraycopy(data, offset(t, b), r, 0, vocab);
    return r;
  }
}
