package io.recur.backend.nd4j.fused;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One forward pass of the GRU over a sequence, and its backward pass. Layout (row-major, off
 * heap): {@code inputGates [T·B, 3H]} holds {@code x·W_xᵀ} after one GEMM; each step computes
 * {@code h_{t-1}·W_hᵀ} into a {@code [B, 3H]} block, and the gate arithmetic leaves the activated
 * {@code r, z, n} in {@code inputGates} and {@code h_{t-1}·W_hnᵀ + b_hn} in {@code [T·B, H]} for the
 * backward pass.
 */
final class GruPass implements FusedKernel.Pass {
  private final Arguments a;
  private final boolean training;
  private final FloatBlock inputGates;
  private final FloatBlock resetInput;
  private final FloatBlock output;
  private final List<INDArray> finalState;

  GruPass(Arguments a, boolean training) {
    this.a = a;
    this.training = training;
    int b = a.batch;
    int h = a.hidden;
    int g = 3 * h;
    int rows = a.steps * b;
    inputGates = FloatBlock.allocate(rows, g);
    resetInput = training ? FloatBlock.allocate(rows, h) : null;
    output = FloatBlock.allocate(a.steps, b, h);
    FloatBlock hiddenGates = FloatBlock.allocate(b, g);
    FloatBlock wh = a.param("W_h");
    float[] bias = a.param("b").toArray();
    float[] biasHn = a.param("b_hn").toArray();
    Blas.gemm(false, true, rows, g, a.inputSize, a.x.at(0), a.inputSize, a.param("W_x").at(0), a.inputSize, 0f, inputGates.at(0), g);
    float[] act = new float[b * g];
    float[] gh = new float[b * g];
    float[] hn = new float[b * h];
    float[] hPrev = a.state(0).toArray();
    float[] hs = new float[b * h];
    for (int t = 0; t < a.steps; t++) {
      FloatBlock hp = t == 0 ? a.state(0) : output;
      Blas.gemm(false, true, b, g, h, hp.at(t == 0 ? 0 : a.row(t - 1, h)), h, wh.at(0), h, 0f, hiddenGates.at(0), g);
      inputGates.read(a.row(t, g), act, b * g);
      hiddenGates.read(0, gh, b * g);
      forwardGates(act, gh, bias, biasHn, hPrev, hn, hs, b, h);
      output.write(a.row(t, h), hs, b * h);
      if (training) {
        inputGates.write(a.row(t, g), act, b * g);
        resetInput.write(a.row(t, h), hn, b * h);
      }
      float[] swap = hPrev;
      hPrev = hs;
      hs = swap;
    }
    finalState = List.of(Backprop.array(hPrev, b, h));
  }

  /** Activates {@code act} ({@code x·W_xᵀ} of one step) in place into r, z, n; computes {@code hn} and {@code h_t}. */
  static void forwardGates(float[] act, float[] gh, float[] bias, float[] biasHn, float[] hPrev, float[] hn, float[] hs, int batch, int h) {
    for (int r = 0; r < batch; r++) {
      int gr = r * 3 * h;
      int sr = r * h;
      for (int k = 0; k < 2 * h; k++) {
        act[gr + k] = Activations.sigmoid(act[gr + k] + bias[k] + gh[gr + k]);
      }
      for (int k = 0; k < h; k++) {
        hn[sr + k] = gh[gr + 2 * h + k] + biasHn[k];
      }
      for (int k = 0; k < h; k++) {
        act[gr + 2 * h + k] = Activations.tanh(act[gr + 2 * h + k] + bias[2 * h + k] + act[gr + k] * hn[sr + k]);
      }
      for (int k = 0; k < h; k++) {
        float n = act[gr + 2 * h + k];
        hs[sr + k] = n + act[gr + h + k] * (hPrev[sr + k] - n);
      }
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
    int g = 3 * h;
    FloatBlock dOut = Backprop.outputGradient(dOutput, a);
    float[] dh = Backprop.finalStateGradient(dFinalState, 0, a);
    FloatBlock dInputGates = FloatBlock.allocate((long) a.steps * b, g);
    FloatBlock dHiddenGates = FloatBlock.allocate((long) a.steps * b, g);
    FloatBlock dhPrev = FloatBlock.allocate(b, h);
    FloatBlock wh = a.param("W_h");
    float[] act = new float[b * g];
    float[] dgx = new float[b * g];
    float[] dgh = new float[b * g];
    float[] hn = new float[b * h];
    float[] hPrev = new float[b * h];
    float[] scratch = new float[b * h];
    float[] db = new float[g];
    float[] dbHn = new float[h];
    for (int t = a.steps - 1; t >= 0; t--) {
      Backprop.addOutputGradient(dOut, t, a, dh, scratch);
      inputGates.read(a.row(t, g), act, b * g);
      resetInput.read(a.row(t, h), hn, b * h);
      if (t == 0) {
        a.state(0).read(0, hPrev, b * h);
      } else {
        output.read(a.row(t - 1, h), hPrev, b * h);
      }
      backwardGates(act, hn, hPrev, dh, dgx, dgh, db, dbHn, b, h);
      dInputGates.write(a.row(t, g), dgx, b * g);
      dHiddenGates.write(a.row(t, g), dgh, b * g);
      dhPrev.write(0, dh, b * h);
      Blas.gemm(false, false, b, h, g, dHiddenGates.at(a.row(t, g)), g, wh.at(0), h, 1f, dhPrev.at(0), h);
      dhPrev.read(0, dh, b * h);
    }
    Map<String, INDArray> dParams = new LinkedHashMap<>();
    dParams.put("W_x", Backprop.inputWeightGradient(dInputGates, g, a));
    dParams.put("W_h", Backprop.recurrentWeightGradient(dHiddenGates, g, output, a.state(0), a));
    dParams.put("b", Backprop.array(db, g));
    dParams.put("b_hn", Backprop.array(dbHn, h));
    INDArray dx = Backprop.inputGradient(dInputGates, g, a.param("W_x"), a);
    return new FusedKernel.Gradients(dx, dParams, List.of(Backprop.array(dh, b, h)));
  }

  /**
   * The gate gradients of one step: {@code dgx} w.r.t. {@code x·W_xᵀ + b} and {@code dgh} w.r.t.
   * {@code h_{t-1}·W_hᵀ}; {@code dh} becomes the direct part {@code dh ⊙ z} of the gradient
   * w.r.t. {@code h_{t-1}}; adds to the bias gradients.
   */
  static void backwardGates(float[] act, float[] hn, float[] hPrev, float[] dh, float[] dgx, float[] dgh,
      float[] db, float[] dbHn, int batch, int h) {
    for (int r = 0; r < batch; r++) {
      int gr = r * 3 * h;
      int sr = r * h;
      for (int k = 0; k < h; k++) {
        float rg = act[gr + k];
        float z = act[gr + h + k];
        float n = act[gr + 2 * h + k];
        float d = dh[sr + k];
        float dn = d * (1f - z) * (1f - n * n);
        float dz = d * (hPrev[sr + k] - n) * z * (1f - z);
        float dr = dn * hn[sr + k] * rg * (1f - rg);
        dgx[gr + k] = dr;
        dgx[gr + h + k] = dz;
        dgx[gr + 2 * h + k] = dn;
        dgh[gr + k] = dr;
        dgh[gr + h + k] = dz;
        dgh[gr + 2 * h + k] = dn * rg;
        dh[sr + k] = d * z;
      }
      for (int k = 0; k < 3 * h; k++) {
        db[k] += dgx[gr + k];
      }
      for (int k = 0; k < h; k++) {
        dbHn[k] += dgh[gr + 2 * h + k];
      }
    }
  }
}
