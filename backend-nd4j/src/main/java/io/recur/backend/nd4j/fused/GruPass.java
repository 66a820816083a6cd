package io.recur.backend.nd4j.fused;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One forward pass of the GRU over a sequence, and its backward pass. Off heap, row-major:
 * {@code inputPre [T·B, 3H]} receives {@code x·W_xᵀ} from one GEMM; each step computes
 * {@code h_{t-1}·W_hᵀ} into a {@code [B, 3H]} block, and {@link GruGates} works on one Java
 * array per gate. Kept for the backward pass: {@code r, z, n} and {@code h_{t-1}·W_hnᵀ + b_hn}
 * per step ({@code [T, 4, B, H]}). Backward, the gate gradients go to {@code [T·B, 3H]} blocks,
 * input side and recurrent side, for the per-step GEMM {@code dG_t·W_h} and the weight-gradient
 * GEMMs over all steps ({@link Backprop}).
 */
final class GruPass implements FusedKernel.Pass {
  private static final int GATES = 3;
  private static final int SAVED = 4;
  private final Arguments a;
  private final boolean training;
  private final FloatBlock output;
  private final FloatBlock saved;
  private final List<INDArray> finalState;
  private final BlockPool pool;
  private boolean consumed;

  GruPass(Arguments a, boolean training, BlockPool pool) {
    this.a = a;
    this.training = training;
    this.pool = pool;
    int b = a.batch;
    int h = a.hidden;
    int n = b * h;
    int width = GATES * h;
    int rows = a.steps * b;
    FloatBlock inputPre = pool.take((long) rows * width);
    FloatBlock hiddenPre = pool.take((long) b * width);
    output = FloatBlock.allocate(a.steps, b, h);
    saved = training ? pool.take((long) rows * SAVED * h) : null;
    FloatBlock wh = a.param("W_h");
    float[] bias = a.param("b").toArray();
    float[][] biasRows = new float[GATES][];
    for (int q = 0; q < GATES; q++) {
      biasRows[q] = Rows.repeat(bias, q * h, h, b);
    }
    float[] biasHn = Rows.repeat(a.param("b_hn").toArray(), 0, h, b);
    Blas.gemm(false, true, rows, width, a.inputSize, a.x.at(0), a.inputSize, a.param("W_x").at(0), a.inputSize, 0f, inputPre.at(0), width);
    float[][] x = new float[GATES][n];
    float[][] hh = new float[GATES][n];
    float[] hPrev = a.state(0).toArray();
    float[] hs = new float[n];
    for (int t = 0; t < a.steps; t++) {
      FloatBlock hp = t == 0 ? a.state(0) : output;
      Blas.gemm(false, true, b, width, h, hp.at(t == 0 ? 0 : a.row(t - 1, h)), h, wh.at(0), h, 0f, hiddenPre.at(0), width);
      inputPre.readColumnBlocks(a.row(t, width), x, b, h);
      hiddenPre.readColumnBlocks(0, hh, b, h);
      GruGates.forward(x, hh, biasRows, biasHn, hPrev, hs, n);
      output.write(a.row(t, h), hs, n);
      if (training) {
        saved.writeConsecutive(a.row(t, SAVED * h), x[0], x[1], x[2], hh[2]);
      }
      float[] swap = hPrev;
      hPrev = hs;
      hs = swap;
    }
    pool.give(inputPre, hiddenPre);
    finalState = List.of(Backprop.array(hPrev, b, h));
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
    consumed = true;
    FloatBlock dInputPre = pool.take((long) a.steps * b * width);
    FloatBlock dHiddenPre = pool.take((long) a.steps * b * width);
    FloatBlock dhPrev = pool.take(n);
    FloatBlock wh = a.param("W_h");
    float[] r = new float[n];
    float[] z = new float[n];
    float[] cand = new float[n];
    float[] hn = new float[n];
    float[] hPrev = new float[n];
    float[] scratch = new float[n];
    float[][] dIn = new float[GATES][n];
    float[][] dhh = new float[GATES][n];
    float[][] dBiasRows = new float[GATES + 1][n];
    for (int t = a.steps - 1; t >= 0; t--) {
      Backprop.addOutputGradient(dOut, t, a, dh, scratch);
      saved.readConsecutive(a.row(t, SAVED * h), r, z, cand, hn);
      if (t == 0) {
        a.state(0).read(0, hPrev, n);
      } else {
        output.read(a.row(t - 1, h), hPrev, n);
      }
      GruGates.backward(r, z, cand, hn, hPrev, dh, dIn, dhh, dBiasRows, n);
      dInputPre.writeColumnBlocks(a.row(t, width), dIn, b, h);
      dHiddenPre.writeColumnBlocks(a.row(t, width), dhh, b, h);
      dhPrev.write(0, dh, n);
      Blas.gemm(false, false, b, h, width, dHiddenPre.at(a.row(t, width)), width, wh.at(0), h, 1f, dhPrev.at(0), h);
      dhPrev.read(0, dh, n);
    }
    float[] db = new float[width];
    for (int q = 0; q < GATES; q++) {
      Rows.sum(dBiasRows[q], b, h, db, q * h);
    }
    float[] dbHn = new float[h];
    Rows.sum(dBiasRows[GATES], b, h, dbHn, 0);
    Map<String, INDArray> dParams = new LinkedHashMap<>();
    dParams.put("W_x", Backprop.inputWeightGradient(dInputPre, width, a));
    dParams.put("W_h", Backprop.recurrentWeightGradient(dHiddenPre, width, output, a.state(0), a));
    dParams.put("b", Backprop.array(db, width));
    dParams.put("b_hn", Backprop.array(dbHn, h));
    INDArray dx = Backprop.inputGradient(dInputPre, width, a.param("W_x"), a);
    pool.give(dInputPre, dHiddenPre, dhPrev, saved);
    return new FusedKernel.Gradients(dx, dParams, List.of(Backprop.array(dh, b, h)));
  }
}
