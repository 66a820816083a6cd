package io.recur.backend.nd4j.fused;

/**
 * The softmax arithmetic of one row of logits on Java arrays, as small same-index loops that C2
 * (JDK 17) compiles to SIMD code (see {@link Activations}). {@code exp} is
 * {@code 2^k·P(r)} with {@code k = round(x·log₂e)} found by the float "magic number" rounding
 * (no float-to-int conversion, which C2 does not vectorise), {@code r = x − k·ln 2} split in two
 * constants, and {@code P} the degree-7 Taylor-like polynomial of Cephes' {@code expf}: max
 * relative error 8e-8 on {@code [−87, 0]}, ~0.6 ns per element against ~14 ns for
 * {@link Math#exp}. Inputs below −87 give {@code exp(−87)} (≈ 1.6e-38): softmax rows are shifted
 * by their maximum, so only terms that cannot matter are affected.
 */
final class SoftmaxRows {
  private static final float LOG2E = 1.44269504f;
  /** 1.5·2²³: adding it rounds a float of magnitude < 2²² to an integer held in the low mantissa bits. */
  private static final float MAGIC = 12582912f;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  private static final float FLOOR = -87f;
  private static final int EXPONENT_BIAS = 127 << 23;
  private static final float P0 = 1.9875691500e-4f;
  private static final float P1 = 1.3981999507e-3f;
  private static final float P2 = 8.3334519073e-3f;
  private static final float P3 = 4.1665795894e-2f;
  private static final float P4 = 1.6666665459e-1f;
  private static final float P5 = 5.0000001201e-1f;

  private SoftmaxRows() {}

  /**
   * {@code z[k] += b[k]} for {@code k < n}; returns {@code max z} (ignoring NaN, which {@link #exp}
   * then carries into the row's sum).
   */
  static float addAndMax(float[] z, float[] b, int n) {
    for (int k = 0; k < n; k++) {
      z[k] += b[k];
    }
    float m = Float.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      if (z[k] > m) {
        m = z[k];
      }
    }
    return m;
  }

  /**
   * {@code e[k] = exp(z[k] − shift)} for {@code k < n} (every {@code z[k] − shift ≤ 0}); {@code z}
   * is overwritten with scratch values.
   */
  static void exp(float[] z, float shift, float[] e, int n) {
    for (int k = 0; k < n; k++) {
      float x = Math.max(z[k] - shift, FLOOR);
      float t = x * LOG2E + MAGIC;
      float whole = t - MAGIC;
      float r = x - whole * LN2_HI - whole * LN2_LO;
      e[k] = (((((P0 * r + P1) * r + P2) * r + P3) * r + P4) * r + P5) * r * r + r + 1f;
      z[k] = t;
    }
    // The low bits of t's mantissa are k in two's complement: shifted into the exponent field they give 2^k.
    for (int k = 0; k < n; k++) {
      e[k] *= Float.intBitsToFloat((Float.floatToRawIntBits(z[k]) << 23) + EXPONENT_BIAS);
    }
  }

  /** {@code Σ e[k]} for {@code k < n}, in eight float partial sums added in double. */
  static double sum(float[] e, int n) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    int k = 0;
    for (; k + 8 <= n; k += 8) {
      s0 += e[k];
      s1 += e[k + 1];
      s2 += e[k + 2];
      s3 += e[k + 3];
      s4 += e[k + 4];
      s5 += e[k + 5];
      s6 += e[k + 6];
      s7 += e[k + 7];
    }
    double s = ((double) s0 + s1) + ((double) s2 + s3) + (((double) s4 + s5) + ((double) s6 + s7));
    for (; k < n; k++) {
      s += e[k];
    }
    return s;
  }

  /** {@code e[k] *= f} for {@code k < n}. */
  static void scale(float[] e, float f, int n) {
    for (int k = 0; k < n; k++) {
      e[k] *= f;
    }
  }
}
