package io.recur.backend.onnx.export;

import io.recur.core.model.FloatArray;
import java.util.Arrays;

/**
 * Converts the built-in cells' parameters to the layout of ONNX's {@code LSTM}, {@code GRU} and
 * {@code RNN} operators. Recur stores gate blocks row-wise in {@code [gates·H, in]} weights:
 * LSTM {@code i, f, g, o}, GRU {@code r, z, n}. ONNX wants {@code [1, gates·H, in]} with LSTM
 * blocks {@code i, o, f, c} and GRU blocks {@code z, r, h}, and one bias {@code [1, 2·gates·H]}
 * holding the input-side biases {@code Wb} then the recurrent ones {@code Rb}.
 */
public final class GateLayout {
  /** For each ONNX LSTM block (i, o, f, c), the Recur block it takes (i, f, g, o). */
  public static final int[] LSTM_BLOCKS = {0, 3, 1, 2};
  /** For each ONNX GRU block (z, r, h), the Recur block it takes (r, z, n). */
  public static final int[] GRU_BLOCKS = {1, 0, 2};
  /** The RNN has one block. */
  public static final int[] RNN_BLOCKS = {0};

  private GateLayout() {}

  /** {@code [blocks·H, in]} in Recur's order → {@code [1, blocks·H, in]} in ONNX's. */
  public static FloatArray weights(FloatArray w, int[] blocks) {
    int[] s = w.shape();
    if (s.length != 2 || s[0] % blocks.length != 0) {
      throw new IllegalArgumentException("expected a [" + blocks.length + "·H, in] weight, got " + Arrays.toString(s));
    }
    int hidden = s[0] / blocks.length;
    int in = s[1];
    float[] out = new float[w.size()];
    for (int g = 0; g < blocks.length; g++) {
      System.arraycopy(w.data(), blocks[g] * hidden * in, out, g * hidden * in, hidden * in);
    }
    return new FloatArray(new int[] {1, s[0], in}, out);
  }

  /** A bias {@code [blocks·H]} added once per step → ONNX's {@code [1, 2·blocks·H]} ({@code Wb} permuted, {@code Rb} zero). */
  public static FloatArray bias(FloatArray b, int[] blocks) {
    return bias(b, blocks, null);
  }

  /**
   * The GRU's biases: {@code b [3H]} (input side, r, z, n) and {@code b_hn [H]} (inside the reset
   * gate's product) → {@code [1, 6H]} = {@code [Wb_z, Wb_r, Wb_h, 0, 0, b_hn]}.
   */
  public static FloatArray gruBias(FloatArray b, FloatArray bhn) {
    return bias(b, GRU_BLOCKS, bhn);
  }

  private static FloatArray bias(FloatArray b, int[] blocks, FloatArray lastRecurrent) {
    int[] s = b.shape();
    if (s.length != 1 || s[0] % blocks.length != 0) {
      throw new IllegalArgumentException("expected a [" + blocks.length + "·H] bias, got " + Arrays.toString(s));
    }
    int hidden = s[0] / blocks.length;
    float[] out = new float[2 * s[0]];
    for (int g = 0; g < blocks.length; g++) {
      System.arraycopy(b.data(), blocks[g] * hidden, out, g * hidden, hidden);
    }
    if (lastRecurrent != null) {
      if (lastRecurrent.size() != hidden) {
        throw new IllegalArgumentException("expected a [" + hidden + "] recurrent bias, got " + lastRecurrent);
      }
      System.arraycopy(lastRecurrent.data(), 0, out, out.length - hidden, hidden);
    }
    return new FloatArray(new int[] {1, out.length}, out);
  }
}
