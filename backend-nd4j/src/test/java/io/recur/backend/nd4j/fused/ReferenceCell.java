package io.recur.backend.nd4j.fused;

import java.util.Map;

/**
 * One step of a built-in cell for one batch row, in float64 plain Java, forward and backward:
 * the reference the fused kernels are compared against. Written for clarity, not speed.
 */
interface ReferenceCell {
  int inputSize();

  int hiddenSize();

  /** Number of state vectors (LSTM: h, c; GRU and RNN: h). */
  int stateCount();

  /** The parameter names and sizes, in the cell's declaration order. */
  Map<String, Integer> paramSizes();

  /**
   * Computes one step: {@code next[s]} receives the new state vectors; the output is
   * {@code next[0]} ({@code h_t}) for every built-in cell.
   *
   * @return what {@link #backward} needs from this step
   */
  Object forward(Map<String, double[]> p, double[] x, double[][] state, double[][] next);

  /**
   * Back-propagates one step: {@code dState[s]} holds the gradient w.r.t. the new state on
   * entry ({@code dState[0]} includes the output's) and w.r.t. the previous state on exit;
   * adds to {@code dx} and {@code dParams}.
   */
  void backward(Map<String, double[]> p, Object saved, double[][] dState, double[] dx, Map<String, double[]> dParams);

  static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  /** {@code out[q] += Σ_i w[q, i]·v[i]} for a row-major {@code w [rows, v.length]}. */
  static void addProduct(double[] w, double[] v, double[] out, int rows) {
    for (int q = 0; q < rows; q++) {
      for (int i = 0; i < v.length; i++) {
        out[q] += w[q * v.length + i] * v[i];
      }
    }
  }

  /**
   * The backward of {@link #addProduct} for gradient {@code dOut [rows]}: {@code dw += dOut ⊗ v}
   * and {@code dv += wᵀ·dOut}.
   */
  static void addProductBackward(double[] w, double[] v, double[] dOut, int rows, double[] dw, double[] dv) {
    for (int q = 0; q < rows; q++) {
      for (int i = 0; i < v.length; i++) {
        dw[q * v.length + i] += dOut[q] * v[i];
        dv[i] += dOut[q] * w[q * v.length + i];
      }
    }
  }
}
