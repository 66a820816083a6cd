package io.recur.backend.nd4j.fused;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The parts of a backward pass every kernel shares: checking and reading the incoming gradients. */
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

  /** Entry {@code index} of {@code dFinalState} as a block, or {@code null} (zero); it must be {@code [B, H]}. */
  static FloatBlock finalStateGradient(List<INDArray> dFinalState, int index, Arguments a) {
    INDArray d = dFinalState == null ? null : dFinalState.get(index);
    if (d == null) {
      return null;
    }
    requireShape("dFinalState[" + index + "]", d, a.batch, a.hidden);
    return FloatBlock.of(d);
  }

  /** Worker {@code k}'s units of a {@code [B, H]} block as a new array {@code [n]}, zeros for a {@code null} block. */
  static float[] units(Layout layout, FloatBlock block, int k, int n) {
    float[] v = new float[n];
    if (block != null) {
      layout.readUnits(block, 0, k, v);
    }
    return v;
  }

  /** Adds worker {@code k}'s units of step {@code t} of {@code dOutput} (if any) to {@code dh}. */
  static void addUnits(Layout layout, FloatBlock dOutput, int t, int k, float[] dh, float[] scratch) {
    if (dOutput != null) {
      layout.readUnits(dOutput, layout.a.row(t, layout.a.hidden), k, scratch);
      for (int j = 0; j < dh.length; j++) {
        dh[j] += scratch[j];
      }
    }
  }

  private static void requireShape(String name, INDArray d, long... shape) {
    if (!Arrays.equals(d.shape(), shape)) {
      throw new IllegalArgumentException(name + " must be " + Arrays.toString(shape) + " (got " + Arrays.toString(d.shape()) + ")");
    }
  }

  /** A new {@code [shape]} array holding {@code values}. */
  static INDArray array(float[] values, long... shape) {
    FloatBlock b = FloatBlock.allocate(shape);
    b.write(0, values, values.length);
    return b.array();
  }
}
