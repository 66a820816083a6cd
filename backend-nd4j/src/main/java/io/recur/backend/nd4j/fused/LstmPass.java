package io.recur.backend.nd4j.fused;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One forward pass of the LSTM over a sequence, and its backward pass. Off heap, row-major:
 * {@code preActivations [T·B, 4H]} receives {@code x·W_xᵀ} from one GEMM, and each step adds
 * {@code h_{t-1}·W_hᵀ} to its rows; the step's gate blocks are copied to one Java array per gate
 * for {@link LstmGates}, and the activated gates ({@code [T, 4, B, H]}), {@code c_t} and
 * {@code tanh(c_t)} are kept for the backward pass. Backward, the gate gradients of each step
 * go into {@code [T·B, 4H]} for one GEMM {@code dG_t·W_h} per step and the weight-gradient
 * GEMMs over all steps ({@link Backprop}).
 */
final class LstmPass implements FusedKernel.Pass {
  private static final int GATES = 4;
  private final Arguments a;
  private final boolean training;
  private final FloatBlock output;
  private final FloatBlock gates;
  private final FloatBlock cells;
  private final FloatBlock tanhCells;
  private final List<INDArray> finalState;
  private final BlockPool pool;
  private boolean consumed;

  LstmPass(Arguments a, boolean training, BlockPool pool) {
    this.a = a;
    this.training = training;
    this.pool = pool;
    int b = a.batch;
    int h = a.hidden;
    int n = b * h;
    int width = GATES * h;
    int rows = a.steps * b;
    FloatBlock pre = pool.take((long) rows * width);
    output = FloatBlock.allocate(a.steps, b, h);
    gates = training ? pool.take((long) rows * width) : null;
    cells = training ? pool.take((long) rows * h) : null;
    tanhCells = training ? pool.take((long) rows * h) : null;
    FloatBlock wh = a.param("W_h");
    float[] bias = a.param("b").toArray();
    float[][] biasRows = new float[GATES][];
    for (int q = 0; q < GATES; q++) {
      biasRows[q] = Rows.repeat(bias, q * h, h, b);
    }
    Blas.gemm(false, true, rows, width, a.inputSize, a.x.at(0), a.inputSize, a.param("W_x").at(0), a.inputSize, 0f, pre.at(0), width);
    float[][] gate = new float[GATES][n];
    float[] cPrev = a.state(1).toArray();
    float[] c = new float[n];
    float[] tc = new float[n];
    float[] hs = new float[n];
    for (int t = 0; t < a.steps; t++) {
      FloatBlock hPrev = t == 0 ? a.state(0) : output;
      Blas.gemm(false, true, b, width, h, hPrev.at(t == 0 ? 0 : a.row(t - 1, h)), h, wh.at(0), h, 1f, pre.at(a.row(t, width)), width);
      pre.readColumnBlocks(a.row(t, width), gate, b, h);
      LstmGates.forward(gate, biasRows, cPrev, c, tc, hs, n);
      output.write(a.row(t, h), hs, n);
      if (training) {
        gates.writeConsecutive(a.row(t, width), gate);
        cells.write(a.row(t, h), c, n);
        tanhCells.write(a.row(t, h), tc, n);
      }
      float[] swap = cPrev;
      cPrev = c;
      c = swap;
    }
    pool.give(pre);
    finalState = List.of(Backprop.array(hs, b, h), Backprop.array(cPrev, b, h));
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
    int n = b * h;
    int width = GATES * h;
    FloatBlock dOut = Backprop.outputGradient(dOutput, a);
    float[] dh = Backprop.finalStateGradient(dFinalState, 0, a);
    float[] dc = Backprop.finalStateGradient(dFinalState, 1, a);
    consumed = true;
    FloatBlock dPre = pool.take((long) a.steps * b * width);
    FloatBlock dhPrev = pool.take(n);
    FloatBlock wh = a.param("W_h");
    float[][] gate = new float[GATES][n];
    float[][] dGate = new float[GATES][n];
    float[][] dBiasRows = new float[GATES][n];
    float[] tc = new float[n];
    float[] cPrev = new float[n];
    float[] scratch = new float[n];
    for (int t = a.steps - 1; t >= 0; t--) {
      Backprop.addOutputGradient(dOut, t, a, dh, scratch);
      gates.readConsecutive(a.row(t, width), gate);
      tanhCells.read(a.row(t, h), tc, n);
      if (t == 0) {
        a.state(1).read(0, cPrev, n);
      } else {
        cells.read(a.row(t - 1, h), cPrev, n);
      }
      LstmGates.backward(gate, tc, cPrev, dh, dc, dGate, dBiasRows, n);
      dPre.writeColumnBlocks(a.row(t, width), dGate, b, h);
      Blas.gemm(false, false, b, h, width, dPre.at(a.row(t, width)), width, wh.at(0), h, 0f, dhPrev.at(0), h);
      dhPrev.read(0, dh, n);
    }
    float[] db = new float[width];
    for (int q = 0; q < GATES; q++) {
      Rows.sum(dBiasRows[q], b, h, db, q * h);
    }
    Map<String, INDArray> dParams = new LinkedHashMap<>();
    dParams.put("W_x", Backprop.inputWeightGradient(dPre, width, a));
    dParams.put("W_h", Backprop.recurrentWeightGradient(dPre, width, output, a.state(0), a));
    dParams.put("b", Backprop.array(db, width));
    INDArray dx = Backprop.inputGradient(dPre, width, a.param("W_x"), a);
    pool.give(dPre, dhPrev, gates, cells, tanhCells);
    return new FusedKernel.Gradients(dx, dParams, List.of(Backprop.array(dh, b, h), Backprop.array(dc, b, h)));
  }
}
