package io.recur.backend.nd4j.fused;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parts of a backward pass every kernel shares: checking the incoming gradients, and the
 * gradients that take one GEMM over all time steps once the per-step gate gradients
 * {@code dG [T·B, width]} are known — {@code dW_h}, {@code dW_x} and {@code dx}.
 */
final class Backprop {
  private Backprop() {}

  /** Refuses a second backward pass, or one after a forward pass that kept nothing. */
  static void checkOnce(boolean training, boolean consumed) {
    if (!training) {
      throw new IllegalStateException("backward needs a forward pass run with training = true");
    }
    if (consumed) {
      throw new IllegalStateException("backward already ran for this pass (its memory is reused); run forward again");
    }
  }

  /** {@code dOutput} as a block, or {@code null} (zero); it must be {@code [T, B, H]}. */
  static FloatBlock outputGradient(INDArray dOutput, Arguments a) {
    if (dOutput == null) {
      return null;
    }
    requireShape("dOutput", dOutput, a.steps, a.batch, a.hidden);
    return FloatBlock.of(dOutput);
  }

  /** Entry {@code index} of {@code dFinalState} as a Java array {@code [B·H]}, zeros if absent. */
  static float[] finalStateGradient(List<INDArray> dFinalState, int index, Arguments a) {
    INDArray d = dFinalState == null ? null : dFinalState.get(index);
    if (d == null) {
      return new float[a.batch * a.hidden];
    }
    requireShape("dFinalState[" + index + "]", d, a.batch, a.hidden);
    return FloatBlock.of(d).toArray();
  }

  private static void requireShape(String name, INDArray d, long... shape) {
    if (!Arrays.equals(d.shape(), shape)) {
      throw new IllegalArgumentException(name + " must be " + Arrays.toString(shape) + " (got " + Arrays.toString(d.shape()) + ")");
    }
  }

  /** Adds row {@code t} of {@code dOutput} (if any) to {@code dh}. */
  static void addOutputGradient(FloatBlock dOutput, int t, Arguments a, float[] dh, float[] scratch) {
    if (dOutput != null) {
      int n = a.batch * a.hidden;
      dOutput.read(a.row(t, a.hidden), scratch, n);
      for (int k = 0; k < n; k++) {
        dh[k] += scratch[k];
      }
    }
  }

  /**
   * {@code dW_h [width, H] = Σ_t dG_tᵀ·h_{t-1}}: one GEMM over steps 1..T-1 (whose previous
   * outputs are rows 0..T-2 of {@code output}) and one for step 0 against {@code h0}.
   */
  static INDArray recurrentWeightGradient(FloatBlock dG, int width, FloatBlock output, FloatBlock h0, Arguments a) {
    int h = a.hidden;
    FloatBlock dW = FloatBlock.allocate(width, h);
    if (a.steps > 1) {
      Blas.gemm(true, false, width, h, (a.steps - 1) * a.batch, dG.at(a.row(1, width)), width, output.at(0), h, 0f, dW.at(0), h);
    }
    Blas.gemm(true, false, width, h, a.batch, dG.at(0), width, h0.at(0), h, a.steps > 1 ? 1f : 0f, dW.at(0), h);
    return dW.array();
  }

  /** {@code dW_x [width, I] = dGᵀ·x} over all steps. */
  static INDArray inputWeightGradient(FloatBlock dG, int width, Arguments a) {
    FloatBlock dW = FloatBlock.allocate(width, a.inputSize);
    Blas.gemm(true, false, width, a.inputSize, a.steps * a.batch, dG.at(0), width, a.x.at(0), a.inputSize, 0f, dW.at(0), a.inputSize);
    return dW.array();
  }

  /** {@code dx [T, B, I] = dG·W_x} over all steps. */
  static INDArray inputGradient(FloatBlock dG, int width, FloatBlock wx, Arguments a) {
    FloatBlock dx = FloatBlock.allocate(a.steps, a.batch, a.inputSize);
    Blas.gemm(false, false, a.steps * a.batch, a.inputSize, width, dG.at(0), width, wx.at(0), a.inputSize, 0f, dx.at(0), a.inputSize);
    return dx.array();
  }

  /** A new {@code [shape]} array holding {@code values}. */
  static INDArray array(float[] values, long... shape) {
    FloatBlock b = FloatBlock.allocate(shape);
    b.write(0, values, values.length);
    return b.array();
  }
}
