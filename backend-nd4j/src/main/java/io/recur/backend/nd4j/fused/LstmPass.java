package io.recur.backend.nd4j.fused;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One forward pass of the LSTM over a sequence, and its backward pass, with the hidden units
 * divided among workers ({@link Layout}). Off heap: {@code pre [T·B, 4H]} receives {@code x·W_xᵀ}
 * (one GEMM per worker over all steps), then each step adds {@code h_{t-1}·W_hᵀ} to the worker's
 * gate columns; {@link LstmGates} works on one Java array per gate. Kept for the backward pass,
 * per step and worker: the activated gates, {@code c_t} and {@code tanh(c_t)}. Backward, each
 * step's gate gradients go to {@code dPre [T·B, 4H]}, and each worker computes its units of
 * {@code dh_{t-1} = dG_t·W_h}; the weight gradients are GEMMs over all steps at the end.
 */
final class LstmPass implements FusedKernel.Pass {
  private static final int GATES = 4;
  private final Arguments a;
  private final Layout layout;
  private final Schedule schedule;
  private final BlockPool pool;
  private final boolean training;
  private final FloatBlock output;
  private final FloatBlock gates;
  private final FloatBlock cells;
  private final FloatBlock tanhCells;
  private final Lane[] lanes;
  private final List<INDArray> finalState;
  private FloatBlock pre;
  private boolean consumed;

  /** One worker's units: its Java arrays (each {@code [B, units]}) and carried values. */
  private final class Lane {
    final int k;
    final int n;
    final float[][] gate;
    final float[][] bias = new float[GATES][];
    float[] cPrev;
    float[] c;
    final float[] tc;
    final float[] h;

    Lane(int k) {
      this.k = k;
      this.n = a.batch * layout.units(k);
      gate = new float[GATES][n];
      float[] b = a.param("b").toArray();
      for (int q = 0; q < GATES; q++) {
        bias[q] = layout.repeat(b, q, k);
      }
      cPrev = new float[n];
      layout.readUnits(a.state(1), 0, k, cPrev);
      c = new float[n];
      tc = new float[n];
      h = new float[n];
    }

    long saved(int t, int perStep) {
      return (long) t * perStep * a.batch * a.hidden + (long) perStep * a.batch * layout.split.offset(k);
    }
  }

  LstmPass(Arguments a, boolean training, BlockPool pool, Team team, int workers) {
    this.a = a;
    this.training = training;
    this.pool = pool;
    this.layout = new Layout(a, GATES, workers, pool);
    this.schedule = new Schedule(team, workers);
    int rows = a.steps * a.batch;
    pre = pool.take((long) rows * layout.width);
    output = FloatBlock.allocate(a.steps, a.batch, a.hidden);
    gates = training ? pool.take((long) rows * layout.width) : null;
    cells = training ? pool.take((long) rows * a.hidden) : null;
    tanhCells = training ? pool.take((long) rows * a.hidden) : null;
    lanes = new Lane[workers];
    FloatBlock hT = FloatBlock.allocate(a.batch, a.hidden);
    FloatBlock cT = FloatBlock.allocate(a.batch, a.hidden);
    schedule.run(a.work(GATES), a.steps, false, k -> {
      layout.reorder(k);
      lanes[k] = new Lane(k);
      layout.projectInput(k, pre);
    }, k -> {
      layout.writeUnits(hT, 0, k, lanes[k].h);
      layout.writeUnits(cT, 0, k, lanes[k].cPrev);
    }, this::forwardStep, null);
    pool.give(pre);
    pre = null;
    if (!training) {
      layout.release();
    }
    finalState = List.of(hT.array(), cT.array());
  }

  private void forwardStep(int k, int t) {
    Lane l = lanes[k];
    int units = layout.units(k);
    int hid = a.hidden;
    FloatBlock hPrev = t == 0 ? a.state(0) : output;
    long row = a.row(t, layout.width) + layout.column(k);
    Blas.gemm(false, true, a.batch, GATES * units, hid, hPrev.at(t == 0 ? 0 : a.row(t - 1, hid)), hid,
        layout.wh.at((long) layout.column(k) * hid), hid, 1f, pre.at(row), layout.width);
    pre.readColumnBlocks(row, layout.width, l.gate, a.batch, units);
    LstmGates.forward(l.gate, l.bias, l.cPrev, l.c, l.tc, l.h, l.n);
    layout.writeUnits(output, a.row(t, hid), k, l.h);
    if (training) {
      gates.writeConsecutive(l.saved(t, GATES), l.gate);
      cells.write(l.saved(t, 1), l.c, l.n);
      tanhCells.write(l.saved(t, 1), l.tc, l.n);
    }
    float[] swap = l.cPrev;
    l.cPrev = l.c;
    l.c = swap;
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
    Backward back = new Backward(inputGradient, Backprop.outputGradient(dOutput, a), Backprop.finalStateGradient(dFinalState, 0, a),
        Backprop.finalStateGradient(dFinalState, 1, a));
    consumed = true;
    schedule.run(2 * a.work(GATES), a.steps, true, back::start, back::finish, back::gates, back::recurrent);
    pool.give(back.dPre, back.dhPrev, gates, cells, tanhCells);
    layout.release();
    Map<String, INDArray> dParams = new LinkedHashMap<>();
    dParams.put("W_x", back.dwx.array());
    dParams.put("W_h", back.dwh.array());
    dParams.put("b", Backprop.array(back.db, layout.width));
    return new FusedKernel.Gradients(back.dx == null ? null : back.dx.array(), dParams, List.of(back.dh0.array(), back.dc0.array()));
  }

  /** The state of one backward pass, and its phases for each worker. */
  private final class Backward {
    final FloatBlock dOut;
    final FloatBlock dhFinal;
    final FloatBlock dcFinal;
    final FloatBlock dPre = pool.take((long) a.steps * a.batch * layout.width);
    final FloatBlock dhPrev = pool.take((long) a.batch * a.hidden);
    final FloatBlock dwx = FloatBlock.allocate(layout.width, a.inputSize);
    final FloatBlock dwh = FloatBlock.allocate(layout.width, a.hidden);
    final FloatBlock dx;
    final FloatBlock dh0 = FloatBlock.allocate(a.batch, a.hidden);
    final FloatBlock dc0 = FloatBlock.allocate(a.batch, a.hidden);
    final float[] db = new float[layout.width];
    final float[][] dh;
    final float[][] dc;
    final float[][][] dGate;
    final float[][][] dBiasRows;
    final float[][] scratch;

    Backward(boolean inputGradient, FloatBlock dOut, FloatBlock dhFinal, FloatBlock dcFinal) {
      this.dOut = dOut;
      this.dx = inputGradient ? FloatBlock.allocate(a.steps, a.batch, a.inputSize) : null;
      this.dhFinal = dhFinal;
      this.dcFinal = dcFinal;
      int w = lanes.length;
      dh = new float[w][];
      dc = new float[w][];
      dGate = new float[w][][];
      dBiasRows = new float[w][][];
      scratch = new float[w][];
    }

    void start(int k) {
      int n = lanes[k].n;
      dh[k] = Backprop.units(layout, dhFinal, k, n);
      dc[k] = Backprop.units(layout, dcFinal, k, n);
      dGate[k] = new float[GATES][n];
      dBiasRows[k] = new float[GATES][n];
      scratch[k] = new float[n];
    }

    void gates(int k, int t) {
      Lane l = lanes[k];
      Backprop.addUnits(layout, dOut, t, k, dh[k], scratch[k]);
      gates.readConsecutive(l.saved(t, GATES), l.gate);
      tanhCells.read(l.saved(t, 1), l.tc, l.n);
      if (t == 0) {
        layout.readUnits(a.state(1), 0, k, l.cPrev);
      } else {
        cells.read(l.saved(t - 1, 1), l.cPrev, l.n);
      }
      LstmGates.backward(l.gate, l.tc, l.cPrev, dh[k], dc[k], dGate[k], dBiasRows[k], l.n);
      dPre.writeColumnBlocks(a.row(t, layout.width) + layout.column(k), layout.width, dGate[k], a.batch, layout.units(k));
    }

    void recurrent(int k, int t) {
      int off = layout.split.offset(k);
      Blas.gemm(false, false, a.batch, layout.units(k), layout.width, dPre.at(a.row(t, layout.width)), layout.width,
          layout.wh.at(off), a.hidden, 0f, dhPrev.at(off), a.hidden);
      layout.readUnits(dhPrev, 0, k, dh[k]);
    }

    void finish(int k) {
      layout.inputWeightGradient(k, dPre, dwx);
      layout.recurrentWeightGradient(k, dPre, output, dwh);
      if (dx != null) {
        layout.inputGradient(k, dPre, dx);
      }
      layout.biasGradient(k, dBiasRows[k], db);
      layout.writeUnits(dh0, 0, k, dh[k]);
      layout.writeUnits(dc0, 0, k, dc[k]);
    }
  }
}
