package io.recur.backend.nd4j.fused;

/**
 * Bias vectors spread over the rows of a {@code [B, H]} matrix and back: the gate loops add a
 * bias by index alone (see {@link Activations}), and accumulate its gradient per row.
 */
final class Rows {
  private Rows() {}

  /** {@code [batch, h]}: every row is {@code v[from..from+h)}. */
  static float[] repeat(float[] v, int from, int h, int batch) {
    float[] m = new float[batch * h];
    for (int r = 0; r < batch; r++) {
      System.arraycopy(v, from, m, r * h, h);
    }
    return m;
  }

  /** {@code dst[dstOffset + k] = Σ_r m[r, k]} over a {@code [batch, h]} matrix. */
  static void sum(float[] m, int batch, int h, float[] dst, int dstOffset) {
    for (int r = 0; r < batch; r++) {
      for (int k = 0; k < h; k++) {
        dst[dstOffset + k] += m[r * h + k];
      }
    }
  }

  /** {@code acc[k] += v[k]} for {@code k < n}. */
  static void accumulate(float[] acc, float[] v, int n) {
    for (int k = 0; k < n; k++) {
      acc[k] += v[k];
    }
  }
}
