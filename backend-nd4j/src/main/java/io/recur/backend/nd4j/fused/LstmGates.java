package io.recur.backend.nd4j.fused;

/**
 * The LSTM's arithmetic for one step over {@code n = B·H} units, on Java arrays holding one
 * {@code [B, H]} matrix per gate (i, f, g, o), written as small same-index loops that C2 turns
 * into SIMD code (see {@link Activations}).
 */
final class LstmGates {
  private LstmGates() {}

  /**
   * Activates the gates in place ({@code gate[q] += bias[q]}, then σ, σ, tanh, σ) and computes
   * {@code c = f⊙cPrev + i⊙g}, {@code tc = tanh(c)}, {@code h = o⊙tc}.
   */
  static void forward(float[][] gate, float[][] bias, float[] cPrev, float[] c, float[] tc, float[] h, int n) {
    float[] i = gate[0];
    float[] f = gate[1];
    float[] g = gate[2];
    float[] o = gate[3];
    Activations.sigmoidPlus(i, bias[0], n);
    Activations.sigmoidPlus(f, bias[1], n);
    Activations.tanhPlus(g, bias[2], n);
    Activations.sigmoidPlus(o, bias[3], n);
    for (int k = 0; k < n; k++) {
      c[k] = f[k] * cPrev[k] + i[k] * g[k];
    }
    Activations.tanh(c, tc, n);
    for (int k = 0; k < n; k++) {
      h[k] = o[k] * tc[k];
    }
  }

  /**
   * From {@code dh} (w.r.t. {@code h_t}) and {@code dc} (w.r.t. {@code c_t} through later
   * steps) to {@code dGate} (w.r.t. each gate's pre-activation); leaves in {@code dc} the
   * gradient w.r.t. {@code c_{t-1}} and adds {@code dGate} to {@code dBias} (per row).
   */
  static void backward(float[][] gate, float[] tc, float[] cPrev, float[] dh, float[] dc, float[][] dGate, float[][] dBias, int n) {
    float[] i = gate[0];
    float[] f = gate[1];
    float[] g = gate[2];
    float[] o = gate[3];
    for (int k = 0; k < n; k++) {
      dc[k] += dh[k] * o[k] * (1f - tc[k] * tc[k]);
    }
    float[] di = dGate[0];
    for (int k = 0; k < n; k++) {
      di[k] = dc[k] * g[k] * i[k] * (1f - i[k]);
    }
    float[] df = dGate[1];
    for (int k = 0; k < n; k++) {
      df[k] = dc[k] * cPrev[k] * f[k] * (1f - f[k]);
    }
    float[] dg = dGate[2];
    for (int k = 0; k < n; k++) {
      dg[k] = dc[k] * i[k] * (1f - g[k] * g[k]);
    }
    float[] dout = dGate[3];
    for (int k = 0; k < n; k++) {
      dout[k] = dh[k] * tc[k] * o[k] * (1f - o[k]);
    }
    for (int k = 0; k < n; k++) {
      dc[k] *= f[k];
    }
    for (int q = 0; q < 4; q++) {
      Rows.accumulate(dBias[q], dGate[q], n);
    }
  }
}
