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
  private final BlockPool pool;
  private boolean consumed;

  RnnPass(Arguments a, boolean relu, boolean training, BlockPool pool) {
    this.a = a;
    this.relu = relu;
    this.training = training;
    this.pool = pool;
    int b = a.batch;
    int h = a.hidden;
    int n = b * h;
    int rows = a.steps * b;
    FloatBlock pre = pool.take((long) rows * h);
    output = FloatBlock.allocate(a.steps, b, h);
    FloatBlock wh = a.param("W_h");
    float[] biasRows = Rows.repeat(a.param("b").toArray(), 0, h, b);
    Blas.gemm(false, true, rows, h, a.inputSize, a.x.at(0), a.inputSize, a.param("W_x").at(0), a.inputSize, 0f, pre.at(0), h);
    float[] hs = new float[n];
    for (int t = 0; t < a.steps; t++) {
      FloatBlock hp = t == 0 ? a.state(0) : output;
      Blas.gemm(false, true, b, h, h, hp.at(t == 0 ? 0 : a.row(t - 1, h)), h, wh.at(0), h, 1f, pre.at(a.row(t, h)), h);
      pre.read(a.row(t, h), hs, n);
      if (relu) {
        relu(hs, biasRows, n);
      } else {
        Activations.tanhPlus(hs, biasRows, n);
      }
      output.write(a.row(t, h), hs, n);
    }
    pool.give(pre);
    finalState = List.of(Backprop.array(hs, b, h));
  }

  private static void relu(float[] v, float[] bias, int n) {
    for (int k = 0; k < n; k++) {
      v[k] = Math.max(v[k] + bias[k], 0f);
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
    Backprop.checkOnce(training, consumed);
    int b = a.batch;
    int h = a.hidden;
    FloatBlock dOut = Backprop.outputGradient(dOutput, a);
    float[] dh = Backprop.finalStateGradient(dFinalState, 0, a);
    consumed = true;
    FloatBlock dPre = pool.take((long) a.steps * b * h);
    FloatBlock dhPrev = pool.take((long) b * h);
    FloatBlock wh = a.param("W_h");
    int n = b * h;
    float[] hs = new float[n];
    float[] scratch = new float[n];
    float[] dbRows = new float[n];
    for (int t = a.steps - 1; t >= 0; t--) {
      Backprop.addOutputGradient(dOut, t, a, dh, scratch);
      output.read(a.row(t, h), hs, n);
      if (relu) {
        for (int k = 0; k < n; k++) {
          dh[k] = hs[k] > 0f ? dh[k] : 0f;
        }
      } else {
        for (int k = 0; k < n; k++) {
          dh[k] *= 1f - hs[k] * hs[k];
        }
      }
      Rows.accumulate(dbRows, dh, n);
      dPre.write(a.row(t, h), dh, n);
      Blas.gemm(false, false, b, h, h, dPre.at(a.row(t, h)), h, wh.at(0), h, 0f, dhPrev.at(0), h);
      dhPrev.read(0, dh, n);
    }
    float[] db = new float[h];
    Rows.sum(dbRows, b, h, db, 0);
    Map<String, INDArray> dParams = new LinkedHashMap<>();
    dParams.put("W_x", Backprop.inputWeightGradient(dPre, h, a));
    dParams.put("W_h", Backprop.recurrentWeightGradient(dPre, h, output, a.state(0), a));
    dParams.put("b", Backprop.array(db, h));
    INDArray dx = Backprop.inputGradient(dPre, h, a.param("W_x"), a);
    pool.give(dPre, dhPrev);
    return new FusedKernel.Gradients(dx, dParams, List.of(Backprop.array(dh, b, h)));
  }
}
