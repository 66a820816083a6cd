package io.recur.backend.nd4j.fused;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One forward pass of the LSTM over a sequence, and its backward pass. Layout (row-major, off
 * heap): {@code gates [T·B, 4H]} holds {@code x·W_xᵀ} after one GEMM, then each step adds
 * {@code h_{t-1}·W_hᵀ} in place and the gate arithmetic (in Java arrays, on a copy of the step's
 * rows) leaves the activated {@code i, f, g, o} there for the backward pass, with
 * {@code c_t} and {@code tanh(c_t)} in {@code [T·B, H]} blocks.
 */
final class LstmPass implements FusedKernel.Pass {
  private final Arguments a;
  private final boolean training;
  private final FloatBlock gates;
  private final FloatBlock output;
  private final FloatBlock cells;
  private final FloatBlock tanhCells;
  private final List<INDArray> finalState;

  LstmPass(Arguments a, boolean training) {
    this.a = a;
    this.training = training;
    int b = a.batch;
    int h = a.hidden;
    int g = 4 * h;
    int rows = a.steps * b;
    gates = FloatBlock.allocate(rows, g);
    output = FloatBlock.allocate(a.steps, b, h);
    cells = training ? FloatBlock.allocate(rows, h) : null;
    tanhCells = training ? FloatBlock.allocate(rows, h) : null;
    FloatBlock wh = a.param("W_h");
    float[] bias = a.param("b").toArray();
    Blas.gemm(false, true, rows, g, a.inputSize, a.x.at(0), a.inputSize, a.param("W_x").at(0), a.inputSize, 0f, gates.at(0), g);
    float[] act = new float[b * g];
    float[] cPrev = a.state(1).toArray();
    float[] c = new float[b * h];
    float[] tc = new float[b * h];
    float[] hs = new float[b * h];
    for (int t = 0; t < a.steps; t++) {
      FloatBlock hPrev = t == 0 ? a.state(0) : output;
      Blas.gemm(false, true, b, g, h, hPrev.at(t == 0 ? 0 : a.row(t - 1, h)), h, wh.at(0), h, 1f, gates.at(a.row(t, g)), g);
      gates.read(a.row(t, g), act, b * g);
      forwardGates(act, bias, cPrev, c, tc, hs, b, h);
      output.write(a.row(t, h), hs, b * h);
      if (training) {
        gates.write(a.row(t, g), act, b * g);
        cells.write(a.row(t, h), c, b * h);
        tanhCells.write(a.row(t, h), tc, b * h);
      }
      float[] swap = cPrev;
      cPrev = c;
      c = swap;
    }
    finalState = List.of(Backprop.array(hs, b, h), Backprop.array(cPrev, b, h));
  }

  /** Activates the gates of one step in place and computes {@code c_t}, {@code tanh(c_t)}, {@code h_t}. */
  static void forwardGates(float[] act, float[] bias, float[] cPrev, float[] c, float[] tc, float[] hs, int batch, int h) {
    for (int r = 0; r < batch; r++) {
      int gr = r * 4 * h;
      int sr = r * h;
      Activations.sigmoidPlus(act, gr, bias, 0, 2 * h);
      Activations.tanhPlus(act, gr + 2 * h, bias, 2 * h, h);
      Activations.sigmoidPlus(act, gr + 3 * h, bias, 3 * h, h);
      for (int k = 0; k < h; k++) {
        c[sr + k] = act[gr + h + k] * cPrev[sr + k] + act[gr + k] * act[gr + 2 * h + k];
      }
      Activations.tanh(c, sr, tc, sr, h);
      for (int k = 0; k < h; k++) {
        hs[sr + k] = act[gr + 3 * h + k] * tc[sr + k];
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
    int g = 4 * h;
    FloatBlock dOut = Backprop.outputGradient(dOutput, a);
    float[] dh = Backprop.finalStateGradient(dFinalState, 0, a);
    float[] dc = Backprop.finalStateGradient(dFinalState, 1, a);
    FloatBlock dGates = FloatBlock.allocate((long) a.steps * b, g);
    FloatBlock dhPrev = FloatBlock.allocate(b, h);
    FloatBlock wh = a.param("W_h");
    float[] act = new float[b * g];
    float[] dAct = new float[b * g];
    float[] tc = new float[b * h];
    float[] cPrev = new float[b * h];
    float[] scratch = new float[b * h];
    float[] db = new float[g];
    for (int t = a.steps - 1; t >= 0; t--) {
      Backprop.addOutputGradient(dOut, t, a, dh, scratch);
      gates.read(a.row(t, g), act, b * g);
      tanhCells.read(a.row(t, h), tc, b * h);
      if (t == 0) {
        a.state(1).read(0, cPrev, b * h);
      } else {
        cells.read(a.row(t - 1, h), cPrev, b * h);
      }
      backwardGates(act, tc, cPrev, dh, dc, dAct, db, b, h);
      dGates.write(a.row(t, g), dAct, b * g);
      Blas.gemm(false, false, b, h, g, dGates.at(a.row(t, g)), g, wh.at(0), h, 0f, dhPrev.at(0), h);
      dhPrev.read(0, dh, b * h);
    }
    Map<String, INDArray> dParams = new LinkedHashMap<>();
    dParams.put("W_x", Backprop.inputWeightGradient(dGates, g, a));
    dParams.put("W_h", Backprop.recurrentWeightGradient(dGates, g, output, a.state(0), a));
    dParams.put("b", Backprop.array(db, g));
    INDArray dx = Backprop.inputGradient(dGates, g, a.param("W_x"), a);
    return new FusedKernel.Gradients(dx, dParams, List.of(Backprop.array(dh, b, h), Backprop.array(dc, b, h)));
  }

  /**
   * The gate gradients of one step: from {@code dh} (w.r.t. {@code h_t}) and {@code dc}
   * (w.r.t. {@code c_t} through later steps) to {@code dAct} (w.r.t. the pre-activations);
   * leaves {@code dc} w.r.t. {@code c_{t-1}} and adds the column sums of {@code dAct} to {@code db}.
   */
  static void backwardGates(float[] act, float[] tc, float[] cPrev, float[] dh, float[] dc, float[] dAct, float[] db, int batch, int h) {
    for (int r = 0; r < batch; r++) {
      int gr = r * 4 * h;
      int sr = r * h;
      for (int k = 0; k < h; k++) {
        float i = act[gr + k];
        float f = act[gr + h + k];
        float gg = act[gr + 2 * h + k];
        float o = act[gr + 3 * h + k];
        float t = tc[sr + k];
        float dhk = dh[sr + k];
        float dck = dc[sr + k] + dhk * o * (1f - t * t);
        dAct[gr + k] = dck * gg * i * (1f - i);
        dAct[gr + h + k] = dck * cPrev[sr + k] * f * (1f - f);
        dAct[gr + 2 * h + k] = dck * i * (1f - gg * gg);
        dAct[gr + 3 * h + k] = dhk * t * o * (1f - o);
        dc[sr + k] = dck * f;
      }
      for (int k = 0; k < 4 * h; k++) {
        db[k] += dAct[gr + k];
      }
    }
  }
}
