package io.recur.backend.nd4j.fused;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One forward pass of the GRU over a sequence, and its backward pass, with the hidden units
 * divided among workers ({@link Layout}). Off heap: {@code inputPre [T·B, 3H]} receives
 * {@code x·W_xᵀ} (one GEMM per worker over all steps); each step computes {@code h_{t-1}·W_hᵀ}
 * into the worker's columns of {@code hiddenPre [B, 3H]}, and {@link GruGates} works on one Java
 * array per gate. Kept for the backward pass, per step and worker: {@code r, z, n} and
 * {@code h_{t-1}·W_hnᵀ + b_hn}. Backward, the gate gradients go to {@code [T·B, 3H]} blocks,
 * input side and recurrent side, for the per-step GEMM {@code dG_t·W_h} and the weight
 * gradients over all steps.
 */
final class GruPass implements FusedKernel.Pass {
  private static final int GATES = 3;
  private static final int SAVED = 4;
  private final Arguments a;
  private final Layout layout;
  private final Schedule schedule;
  private final BlockPool pool;
  private final boolean training;
  private final FloatBlock output;
  private final FloatBlock saved;
  private final Lane[] lanes;
  private final List<INDArray> finalState;
  private FloatBlock inputPre;
  private FloatBlock hiddenPre;
  private boolean consumed;

  /** One worker's units: its Java arrays (each {@code [B, units]}) and carried values. */
  private final class Lane {
    final int k;
    final int n;
    final float[][] x;
    final float[][] hh;
    final float[][] bias = new float[GATES][];
    final float[] biasHn;
    float[] hPrev;
    float[] h;

    Lane(int k) {
      this.k = k;
      this.n = a.batch * layout.units(k);
      x = new float[GATES][n];
      hh = new float[GATES][n];
      float[] b = a.param("b").toArray();
      for (int q = 0; q < GATES; q++) {
        bias[q] = layout.repeat(b, q, k);
      }
      biasHn = layout.repeat(a.param("b_hn").toArray(), 0, k);
      hPrev = new float[n];
      layout.readUnits(a.state(0), 0, k, hPrev);
      h = new float[n];
    }

    long saved(int t) {
      return (long) t * SAVED * a.batch * a.hidden + (long) SAVED * a.batch * layout.split.offset(k);
    }
  }

  GruPass(Arguments a, boolean training, BlockPool pool, Team team, int workers) {
    this.a = a;
    this.training = training;
    this.pool = pool;
    this.layout = new Layout(a, GATES, workers, pool);
    this.schedule = new Schedule(team, workers);
    int rows = a.steps * a.batch;
    inputPre = pool.take((long) rows * layout.width);
    hiddenPre = pool.take((long) a.batch * layout.width);
    output = FloatBlock.allocate(a.steps, a.batch, a.hidden);
    saved = training ? pool.take((long) rows * SAVED * a.hidden) : null;
    lanes = new Lane[workers];
    FloatBlock hT = FloatBlock.allocate(a.batch, a.hidden);
    schedule.run(a.work(GATES), a.steps, false, k -> {
      layout.reorder(k);
      lanes[k] = new Lane(k);
      layout.projectInput(k, inputPre);
    }, k -> layout.writeUnits(hT, 0, k, lanes[k].hPrev), this::forwardStep, null);
    pool.give(inputPre, hiddenPre);
    inputPre = null;
    hiddenPre = null;
    if (!training) {
      layout.release();
    }
    finalState = List.of(hT.array());
  }

  private void forwardStep(int k, int t) {
    Lane l = lanes[k];
    int units = layout.units(k);
    int hid = a.hidden;
    FloatBlock hp = t == 0 ? a.state(0) : output;
    Blas.gemm(false, true, a.batch, GATES * units, hid, hp.at(t == 0 ? 0 : a.row(t - 1, hid)), hid,
        layout.wh.at((long) layout.column(k) * hid), hid, 0f, hiddenPre.at(layout.column(k)), layout.width);
    inputPre.readColumnBlocks(a.row(t, layout.width) + layout.column(k), layout.width, l.x, a.batch, units);
    hiddenPre.readColumnBlocks(layout.column(k), layout.width, l.hh, a.batch, units);
    GruGates.forward(l.x, l.hh, l.bias, l.biasHn, l.hPrev, l.h, l.n);
    layout.writeUnits(output, a.row(t, hid), k, l.h);
    if (training) {
      saved.writeConsecutive(l.saved(t), l.x[0], l.x[1], l.x[2], l.hh[2]);
    }
    float[] swap = l.hPrev;
    l.hPrev = l.h;
    l.h = swap;
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
  public FusedKernel.Gradients backward(INDArray dOutput, List<INDArray> dFinalState, boolean inputGradient) {
    Backprop.checkOnce(training, consumed);
    Backward back = new Backward(inputGradient, Backprop.outputGradient(dOutput, a), Backprop.finalStateGradient(dFinalState, 0, a));
    consumed = true;
    schedule.run(2 * a.work(GATES), a.steps, true, back::start, back::finish, back::gates, back::recurrent);
    pool.give(back.dInputPre, back.dHiddenPre, back.dhPrev, saved);
    layout.release();
    Map<String, INDArray> dParams = new LinkedHashMap<>();
    dParams.put("W_x", back.dwx.array());
    dParams.put("W_h", back.dwh.array());
    dParams.put("b", Backprop.array(back.db, layout.width));
    dParams.put("b_hn", Backprop.array(back.dbHn, a.hidden));
    return new FusedKernel.Gradients(back.dx == null ? null : back.dx.array(), dParams, List.of(back.dh0.array()));
  }

  /** The state of one backward pass, and its phases for each worker. */
  private final class Backward {
    final FloatBlock dOut;
    final FloatBlock dhFinal;
    final FloatBlock dInputPre = pool.take((long) a.steps * a.batch * layout.width);
    final FloatBlock dHiddenPre = pool.take((long) a.steps * a.batch * layout.width);
    final FloatBlock dhPrev = pool.take((long) a.batch * a.hidden);
    final FloatBlock dwx = FloatBlock.allocate(layout.width, a.inputSize);
    final FloatBlock dwh = FloatBlock.allocate(layout.width, a.hidden);
    final FloatBlock dx;
    final FloatBlock dh0 = FloatBlock.allocate(a.batch, a.hidden);
    final float[] db = new float[layout.width];
    final float[] dbHn = new float[a.hidden];
    final float[][] dh;
    final float[][][] dIn;
    final float[][][] dhh;
    final float[][][] dBiasRows;
    final float[][] scratch;

    Backward(boolean inputGradient, FloatBlock dOut, FloatBlock dhFinal) {
      this.dOut = dOut;
      this.dx = inputGradient ? FloatBlock.allocate(a.steps, a.batch, a.inputSize) : null;
      this.dhFinal = dhFinal;
      int w = lanes.length;
      dh = new float[w][];
      dIn = new float[w][][];
      dhh = new float[w][][];
      dBiasRows = new float[w][][];
      scratch = new float[w][];
    }

    void start(int k) {
      int n = lanes[k].n;
      dh[k] = Backprop.units(layout, dhFinal, k, n);
      dIn[k] = new float[GATES][n];
      dhh[k] = new float[][] {dIn[k][0], dIn[k][1], new float[n]};
      dBiasRows[k] = new float[GATES + 1][n];
      scratch[k] = new float[n];
    }

    void gates(int k, int t) {
      Lane l = lanes[k];
      Backprop.addUnits(layout, dOut, t, k, dh[k], scratch[k]);
      saved.readConsecutive(l.saved(t), l.x[0], l.x[1], l.x[2], l.hh[2]);
      if (t == 0) {
        layout.readUnits(a.state(0), 0, k, l.hPrev);
      } else {
        layout.readUnits(output, a.row(t - 1, a.hidden), k, l.hPrev);
      }
      GruGates.backward(l.x[0], l.x[1], l.x[2], l.hh[2], l.hPrev, dh[k], dIn[k], dhh[k][2], dBiasRows[k], l.n);
      long col = a.row(t, layout.width) + layout.column(k);
      dInputPre.writeColumnBlocks(col, layout.width, dIn[k], a.batch, layout.units(k));
      dHiddenPre.writeColumnBlocks(col, layout.width, dhh[k], a.batch, layout.units(k));
    }

    void recurrent(int k, int t) {
      int off = layout.split.offset(k);
      layout.writeUnits(dhPrev, 0, k, dh[k]);
      Blas.gemm(false, false, a.batch, layout.units(k), layout.width, dHiddenPre.at(a.row(t, layout.width)), layout.width,
          layout.wh.at(off), a.hidden, 1f, dhPrev.at(off), a.hidden);
      layout.readUnits(dhPrev, 0, k, dh[k]);
    }

    void finish(int k) {
      layout.inputWeightGradient(k, dInputPre, dwx);
      layout.recurrentWeightGradient(k, dHiddenPre, output, dwh);
      if (dx != null) {
        layout.inputGradient(k, dInputPre, dx);
      }
      float[][] rows = dBiasRows[k];
      layout.biasGradient(k, new float[][] {rows[0], rows[1], rows[2]}, db);
      Rows.sum(rows[GATES], a.batch, layout.units(k), dbHn, layout.split.offset(k));
      layout.writeUnits(dh0, 0, k, dh[k]);
    }
  }
}
