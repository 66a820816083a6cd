package io.recur.backend.nd4j.fused;

import java.util.function.Consumer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * One pass's {@link Split} applied to its arrays. The gate columns of the pre-activation matrices
 * {@code [T·B, gates·H]} and the weight rows are in worker-block order; this class reorders the
 * cell's weights into it (each worker its own rows, {@link #reorder}), reads and writes a
 * worker's columns of {@code [B, H]} matrices, and runs the GEMMs over all steps that give a
 * worker's rows of the weight gradients and its share of {@code dx}, in the cell's own order.
 */
final class Layout {
  final Arguments a;
  final Split split;
  final int gates;
  final int width;
  /** {@code W_x [gates·H, I]} and {@code W_h [gates·H, H]} in worker-block row order. */
  final FloatBlock wx;
  final FloatBlock wh;
  private final BlockPool pool;

  Layout(Arguments a, int gates, int workers, BlockPool pool) {
    this.a = a;
    this.split = new Split(a.hidden, workers);
    this.gates = gates;
    this.width = gates * a.hidden;
    this.pool = pool;
    boolean reorders = split.reorders(gates);
    this.wx = reorders ? pool.take((long) width * a.inputSize) : a.param("W_x");
    this.wh = reorders ? pool.take((long) width * a.hidden) : a.param("W_h");
  }

  /** Copies worker {@code k}'s rows of the cell's weights into {@link #wx} and {@link #wh} (each worker its own, first). */
  void reorder(int k) {
    if (split.reorders(gates)) {
      reorderRows(k, a.param("W_x"), wx, a.inputSize);
      reorderRows(k, a.param("W_h"), wh, a.hidden);
    }
  }

  private void reorderRows(int k, FloatBlock w, FloatBlock r, int cols) {
    for (int q = 0; q < gates; q++) {
      w.copyTo((long) (q * a.hidden + split.offset(k)) * cols, r, (column(k) + (long) q * split.size(k)) * cols, (long) split.size(k) * cols);
    }
  }

  /** Gives the reordered weights back to the pool; the layout's GEMMs may not run afterwards. */
  void release() {
    if (split.reorders(gates)) {
      pool.give(wx, wh);
    }
  }

  /** The first column of worker {@code k}'s gate block. */
  int column(int k) {
    return gates * split.offset(k);
  }

  int units(int k) {
    return split.size(k);
  }

  /** Entries {@code [q·H + offset(k), +size(k))} of {@code v} repeated over the {@code B} rows. */
  float[] repeat(float[] v, int q, int k) {
    return Rows.repeat(v, q * a.hidden + split.offset(k), split.size(k), a.batch);
  }

  /** Worker {@code k}'s columns of the {@code [B, H]} matrix at {@code offset} of {@code m}, into {@code dst [B·size(k)]}. */
  void readUnits(FloatBlock m, long offset, int k, float[] dst) {
    m.readRows(offset + split.offset(k), a.hidden, dst, 0, a.batch, split.size(k));
  }

  /** Writes {@code src [B·size(k)]} as worker {@code k}'s columns of the {@code [B, H]} matrix at {@code offset} of {@code m}. */
  void writeUnits(FloatBlock m, long offset, int k, float[] src) {
    m.writeRows(offset + split.offset(k), a.hidden, src, 0, a.batch, split.size(k));
  }

  /** Worker {@code k}'s gate columns of {@code pre [T·B, width]} = {@code x·W_xᵀ} over all steps. */
  void projectInput(int k, FloatBlock pre) {
    int in = a.inputSize;
    int n = gates * split.size(k);
    if (a.tokens != null) {
      OneHot.gather(a.tokens, wx, column(k), n, in, pre, column(k), width);
    } else {
      Blas.gemm(false, true, a.steps * a.batch, n, in, a.x.at(0), in, wx.at((long) column(k) * in), in, 0f, pre.at(column(k)), width);
    }
  }

  /** {@code dW_x}'s rows of worker {@code k}: {@code dGᵀ·x} over all steps. */
  void inputWeightGradient(int k, FloatBlock dG, FloatBlock dwx) {
    int in = a.inputSize;
    int rows = gates * split.size(k);
    workerRows(k, in, dwx, dst -> {
      if (a.tokens != null) {
        dst.put(OneHot.scatter(a.tokens, dG, column(k), width, rows, in));
      } else {
        Blas.gemm(true, false, rows, in, a.steps * a.batch, dG.at(column(k)), width, a.x.at(0), in, 0f, dst, in);
      }
    });
  }

  /**
   * {@code dW_h}'s rows of worker {@code k}: {@code Σ_t dG_tᵀ·h_{t-1}}, as one GEMM over steps
   * 1..T-1 (whose previous outputs are rows 0..T-2 of {@code output}) and one for step 0 against
   * {@code h0}.
   */
  void recurrentWeightGradient(int k, FloatBlock dG, FloatBlock output, FloatBlock dwh) {
    int hid = a.hidden;
    int rows = gates * split.size(k);
    workerRows(k, hid, dwh, dst -> {
      if (a.steps > 1) {
        Blas.gemm(true, false, rows, hid, (a.steps - 1) * a.batch, dG.at(a.row(1, width) + column(k)), width, output.at(0), hid,
            0f, dst, hid);
      }
      Blas.gemm(true, false, rows, hid, a.batch, dG.at(column(k)), width, a.state(0).at(0), hid, a.steps > 1 ? 1f : 0f, dst, hid);
    });
  }

  /**
   * Lets {@code gemm} write worker {@code k}'s {@code gates·size(k)} rows (of {@code cols}
   * floats) of a weight gradient, in worker-block order, then puts them where the cell's order
   * has them in {@code dw}: directly when the orders agree, else through a scratch block.
   */
  private void workerRows(int k, int cols, FloatBlock dw, Consumer<FloatPointer> gemm) {
    if (!split.reorders(gates)) {
      gemm.accept(dw.at((long) column(k) * cols));
      return;
    }
    int h = split.size(k);
    FloatBlock rows = pool.take((long) gates * h * cols);
    gemm.accept(rows.at(0));
    for (int q = 0; q < gates; q++) {
      rows.copyTo((long) q * h * cols, dw, (long) (q * a.hidden + split.offset(k)) * cols, (long) h * cols);
    }
    pool.give(rows);
  }

  /** Worker {@code k}'s share of the rows of {@code dx [T·B, I] = dG·W_x}; needs every worker's {@code dG}. */
  void inputGradient(int k, FloatBlock dG, FloatBlock dx) {
    int rows = a.steps * a.batch;
    int from = (int) ((long) rows * k / split.workers());
    int to = (int) ((long) rows * (k + 1) / split.workers());
    if (to > from) {
      Blas.gemm(false, false, to - from, a.inputSize, width, dG.at((long) from * width), width, wx.at(0), a.inputSize,
          0f, dx.at((long) from * a.inputSize), a.inputSize);
    }
  }

  /** Adds the column sums of worker {@code k}'s per-row bias gradients {@code dRows[q] [B, size(k)]} to {@code db}. */
  void biasGradient(int k, float[][] dRows, float[] db) {
    for (int q = 0; q < dRows.length; q++) {
      Rows.sum(dRows[q], a.batch, split.size(k), db, q * a.hidden + split.offset(k));
    }
  }
}
