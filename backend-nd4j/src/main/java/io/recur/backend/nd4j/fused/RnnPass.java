package io.recur.backend.nd4j.fused;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One forward pass of the Elman RNN over a sequence, and its backward pass, with the hidden units
 * divided among workers ({@link Layout}; one gate, so no reordering). The pre-activations
 * {@code x·W_xᵀ} of all steps come from one GEMM per worker into {@code [T·B, H]}; each step adds
 * {@code h_{t-1}·W_hᵀ} to the worker's columns and activates. The backward pass needs only the
 * outputs: φ' is {@code 1 − h²} for tanh and {@code [h > 0]} for ReLU.
 */
final class RnnPass implements FusedKernel.Pass {
  private final Arguments a;
  private final boolean relu;
  private final Layout layout;
  private final Schedule schedule;
  private final BlockPool pool;
  private final boolean training;
  private final FloatBlock output;
  private final float[][] bias;
  private final float[][] hs;
  private final List<INDArray> finalState;
  private FloatBlock pre;
  private boolean consumed;

  RnnPass(Arguments a, boolean relu, boolean training, BlockPool pool, Team team, int workers) {
    this.a = a;
    this.relu = relu;
    this.training = training;
    this.pool = pool;
    this.layout = new Layout(a, 1, workers, pool);
    this.schedule = new Schedule(team, workers);
    int rows = a.steps * a.batch;
    pre = pool.take((long) rows * a.hidden);
    output = FloatBlock.allocate(a.steps, a.batch, a.hidden);
    bias = new float[workers][];
    hs = new float[workers][];
    FloatBlock hT = FloatBlock.allocate(a.batch, a.hidden);
    schedule.run(a.work(1), a.steps, false, k -> {
      layout.reorder(k);
      bias[k] = layout.repeat(a.param("b").toArray(), 0, k);
      hs[k] = new float[a.batch * layout.units(k)];
      layout.projectInput(k, pre);
    }, k -> layout.writeUnits(hT, 0, k, hs[k]), this::forwardStep, null);
    pool.give(pre);
    pre = null;
    finalState = List.of(hT.array());
  }

  private void forwardStep(int k, int t) {
    int hid = a.hidden;
    int off = layout.split.offset(k);
    float[] h = hs[k];
    FloatBlock hp = t == 0 ? a.state(0) : output;
    Blas.gemm(false, true, a.batch, layout.units(k), hid, hp.at(t == 0 ? 0 : a.row(t - 1, hid)), hid,
        layout.wh.at((long) off * hid), hid, 1f, pre.at(a.row(t, hid) + off), hid);
    layout.readUnits(pre, a.row(t, hid), k, h);
    if (relu) {
      Activations.reluPlus(h, bias[k], h.length);
    } else {
      Activations.tanhPlus(h, bias[k], h.length);
    }
    layout.writeUnits(output, a.row(t, hid), k, h);
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
    schedule.run(2 * a.work(1), a.steps, true, back::start, back::finish, back::activation, back::recurrent);
    pool.give(back.dPre, back.dhPrev);
    Map<String, INDArray> dParams = new LinkedHashMap<>();
    dParams.put("W_x", back.dwx.array());
    dParams.put("W_h", back.dwh.array());
    dParams.put("b", Backprop.array(back.db, a.hidden));
    return new FusedKernel.Gradients(back.dx == null ? null : back.dx.array(), dParams, List.of(back.dh0.array()));
  }

  /** The state of one backward pass, and its phases for each worker. */
  private final class Backward {
    final FloatBlock dOut;
    final FloatBlock dhFinal;
    final FloatBlock dPre = pool.take((long) a.steps * a.batch * a.hidden);
    final FloatBlock dhPrev = pool.take((long) a.batch * a.hidden);
    final FloatBlock dwx = FloatBlock.allocate(a.hidden, a.inputSize);
    final FloatBlock dwh = FloatBlock.allocate(a.hidden, a.hidden);
    final FloatBlock dx;
    final FloatBlock dh0 = FloatBlock.allocate(a.batch, a.hidden);
    final float[] db = new float[a.hidden];
    final float[][] dh;
    final float[][] dbRows;
    final float[][] scratch;

    Backward(boolean inputGradient, FloatBlock dOut, FloatBlock dhFinal) {
      this.dOut = dOut;
      this.dx = inputGradient ? FloatBlock.allocate(a.steps, a.batch, a.inputSize) : null;
      this.dhFinal = dhFinal;
      int w = hs.length;
      dh = new float[w][];
      dbRows = new float[w][];
      scratch = new float[w][];
    }

    void start(int k) {
      int n = hs[k].length;
      dh[k] = Backprop.units(layout, dhFinal, k, n);
      dbRows[k] = new float[n];
      scratch[k] = new float[n];
    }

    void activation(int k, int t) {
      float[] d = dh[k];
      float[] h = hs[k];
      Backprop.addUnits(layout, dOut, t, k, d, scratch[k]);
      layout.readUnits(output, a.row(t, a.hidden), k, h);
      if (relu) {
        for (int j = 0; j < d.length; j++) {
          d[j] = h[j] > 0f ? d[j] : 0f;
        }
      } else {
        for (int j = 0; j < d.length; j++) {
          d[j] *= 1f - h[j] * h[j];
        }
      }
      Rows.accumulate(dbRows[k], d, d.length);
      layout.writeUnits(dPre, a.row(t, a.hidden), k, d);
    }

    void recurrent(int k, int t) {
      int off = layout.split.offset(k);
      Blas.gemm(false, false, a.batch, layout.units(k), a.hidden, dPre.at(a.row(t, a.hidden)), a.hidden,
          layout.wh.at(off), a.hidden, 0f, dhPrev.at(off), a.hidden);
      layout.readUnits(dhPrev, 0, k, dh[k]);
    }

    void finish(int k) {
      layout.inputWeightGradient(k, dPre, dwx);
      layout.recurrentWeightGradient(k, dPre, output, dwh);
      if (dx != null) {
        layout.inputGradient(k, dPre, dx);
      }
      layout.biasGradient(k, new float[][] {dbRows[k]}, db);
      layout.writeUnits(dh0, 0, k, dh[k]);
    }
  }
}
