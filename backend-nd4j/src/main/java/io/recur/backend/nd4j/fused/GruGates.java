package io.recur.backend.nd4j.fused;

/**
 * The GRU's arithmetic for one step over {@code n = B·H} units, on Java arrays holding one
 * {@code [B, H]} matrix per gate, written as small same-index loops that C2 turns into SIMD code
 * (see {@link Activations}). Arrays {@code x[q]} and {@code hh[q]} hold the step's
 * {@code x·W_xᵀ} and {@code h_{t-1}·W_hᵀ} blocks r, z, n.
 */
final class GruGates {
  private GruGates() {}

  /**
   * Leaves {@code r, z, n} in {@code x[0..2]} and {@code h_{t-1}·W_hnᵀ + b_hn} in {@code hh[2]};
   * computes {@code h = n + z⊙(hPrev − n)}, which is {@code (1−z)⊙n + z⊙hPrev}.
   */
  static void forward(float[][] x, float[][] hh, float[][] bias, float[] biasHn, float[] hPrev, float[] h, int n) {
    float[] r = x[0];
    float[] z = x[1];
    float[] cand = x[2];
    float[] hn = hh[2];
    Activations.sigmoidPlus(r, hh[0], bias[0], n);
    Activations.sigmoidPlus(z, hh[1], bias[1], n);
    for (int k = 0; k < n; k++) {
      hn[k] += biasHn[k];
    }
    for (int k = 0; k < n; k++) {
      cand[k] += r[k] * hn[k];
    }
    Activations.tanhPlus(cand, bias[2], n);
    for (int k = 0; k < n; k++) {
      h[k] = cand[k] + z[k] * (hPrev[k] - cand[k]);
    }
  }

  /**
   * From {@code dh} (w.r.t. {@code h_t}) to {@code dx} (w.r.t. the input-side pre-activations
   * r, z, n) and {@code dnr} (w.r.t. the n block of {@code h_{t-1}·W_hᵀ}; its r and z blocks
   * have the gradients {@code dx[0]}, {@code dx[1]}); leaves in {@code dh} the direct part
   * {@code dh⊙z} of the gradient w.r.t. {@code h_{t-1}} and adds to the bias gradients (per row;
   * {@code dBias[3]} is {@code b_hn}'s).
   */
  static void backward(float[] r, float[] z, float[] cand, float[] hn, float[] hPrev, float[] dh,
      float[][] dx, float[] dnr, float[][] dBias, int n) {
    float[] dn = dx[2];
    for (int k = 0; k < n; k++) {
      dn[k] = dh[k] * (1f - z[k]) * (1f - cand[k] * cand[k]);
    }
    float[] dz = dx[1];
    for (int k = 0; k < n; k++) {
      dz[k] = dh[k] * (hPrev[k] - cand[k]) * z[k] * (1f - z[k]);
    }
    float[] dr = dx[0];
    for (int k = 0; k < n; k++) {
      dr[k] = dn[k] * hn[k] * r[k] * (1f - r[k]);
    }
    for (int k = 0; k < n; k++) {
      dnr[k] = dn[k] * r[k];
    }
    for (int k = 0; k < n; k++) {
      dh[k] *= z[k];
    }
    for (int q = 0; q < 3; q++) {
      Rows.accumulate(dBias[q], dx[q], n);
    }
    Rows.accumulate(dBias[3], dnr, n);
  }
}
