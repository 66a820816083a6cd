package io.recur.backend.nd4j.fused;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One forward pass of the Elman RNN over a sequence, and its backward pass. The pre-activations
 * {@code x·W_xᵀ} of all steps come from one GEMM into a {@code [T·B, H]} block; each step adds
 * {@code h_{t-1}·W_hᵀ} and activates. The backward pass needs only the outputs: φ' is
 * {@code 1 − h²} for tanh and {@code [h > 0]} for ReLU.
 */
final class RnnPass implements FusedKernel.Pass {
  private final Arguments a;
  private final boolean relu;
  private final boolean training;
  private final FloatBlock output;
  private final List<INDArray> finalState;

  RnnPass(Arguments a, boolean relu, boolean training) {
    this.a = a;
    this.relu = relu;
    this.training = training;
    int b = a.batch;
    int h = a.hidden;
    int rows = a.steps * b;
    FloatBlock pre = FloatBlock.allocate(rows, h);
    output = FloatBlock.allocate(a.steps, b, h);
    FloatBlock wh = a.param("W_h");
    float[] bias = a.param("b").toArray();
    Blas.gemm(false, true, rows, h, a.inputSize, a.x.at(0), a.inputSize, a.param("W_x").at(0), a.inputSize, 0f, pre.at(0), h);
    float[] hs = new float[b * h];
    for (int t = 0; t < a.steps; t++) {
      FloatBlock hp = t == 0 ? a.state(0) : output;
      Blas.gemm(false, true, b, h, h, hp.at(t == 0 ? 0 : a.row(t - 1, h)), h, wh.at(0), h, 1f, pre.at(a.row(t, h)), h);
      pre.read(a.row(t, h), hs, b * h);
      for (int r = 0; r < b; r++) {
        if (relu) {
          relu(hs, r * h, bias, h);
        } else {
          Activations.tanhPlus(hs, r * h, bias, 0, h);
        }
      }
      output.write(a.row(t, h), hs, b * h);
    }
    finalState = List.of(Backprop.array(hs, b, h));
  }

  private static void relu(float[] v, int off, float[] bias, int n) {
    for (int k = 0; k < n; k++) {
      v[off + k] = Math.max(v[off + k] + bias[k], 0f);
    }
  }

  @Override
  public INDArray output() {
    return output.array();
  }

  @Override
  public List<INDArray> finalState() {
    return finalState;
  }

  @Override
  public FusedKernel.Gradients backward(INDArray dOutput, List<INDArray> dFinalState) {
    if (!training) {
      throw new IllegalStateException("backward needs a forward pass run with training = true");
    }
    int b = a.batch;
    int h = a.hidden;
    FloatBlock dOut = Backprop.outputGradient(dOutput, a);
    float[] dh = Backprop.finalStateGradient(dFinalState, 0, a);
    FloatBlock dPre = FloatBlock.allocate((long) a.steps * b, h);
    FloatBlock dhPrev = FloatBlock.allocate(b, h);
    FloatBlock wh = a.param("W_h");
    float[] hs = new float[b * h];
    float[] scratch = new float[b * h];
    float[] db = new float[h];
    for (int t = a.steps - 1; t >= 0; t--) {
      Backprop.addOutputGradient(dOut, t, a, dh, scratch);
      output.read(a.row(t, h), hs, b * h);
      for (int k = 0; k < b * h; k++) {
        float y = hs[k];
        dh[k] *= relu ? (y > 0f ? 1f : 0f) : 1f - y * y;
      }
      for (int r = 0; r < b; r++) {
        for (int k = 0; k < h; k++) {
          db[k] += dh[r * h + k];
        }
      }
      dPre.write(a.row(t, h), dh, b * h);
      Blas.gemm(false, false, b, h, h, dPre.at(a.row(t, h)), h, wh.at(0), h, 0f, dhPrev.at(0), h);
      dhPrev.read(0, dh, b * h);
    }
    Map<String, INDArray> dParams = new LinkedHashMap<>();
    dParams.put("W_x", Backprop.inputWeightGradient(dPre, h, a));
    dParams.put("W_h", Backprop.recurrentWeightGradient(dPre, h, output, a.state(0), a));
    dParams.put("b", Backprop.array(db, h));
    INDArray dx = Backprop.inputGradient(dPre, h, a.param("W_x"), a);
    return new FusedKernel.Gradients(dx, dParams, List.of(Backprop.array(dh, b, h)));
  }
}
