package io.recur.backend.nd4j.fused;

import io.recur.core.cell.GruCell;
import io.recur.core.cell.LstmCell;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.RnnCell;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer of a {@link StepModel}: a built-in cell's weights, wrapped once, and its loop over a
 * call's steps on the calling thread — the fused passes' arithmetic ({@link LstmGates},
 * {@link GruGates}, {@link Activations}) without their per-call arrays. An input that is one-hot
 * (the first layer of a model without embedding) reads its projection as a row of
 * {@code W_xᵀ}, transposed once here.
 */
final class StepLayer {
  /** The built-in cells and their gate blocks. */
  enum Kind {
    LSTM(4), GRU(3), RNN_TANH(1), RNN_RELU(1);

    final int gates;

    Kind(int gates) {
      this.gates = gates;
    }
  }

  private final Kind kind;
  private final int input;
  private final int hidden;
  private final int width;
  private final FloatBlock wx;
  private final FloatBlock wxT;
  private final FloatBlock wh;
  private final float[] bias;
  private final float[] biasHn;

  /** @param oneHot whether the input is one-hot tokens (then {@code W_x} is kept transposed) */
  StepLayer(Kind kind, RecurrentCell cell, Map<String, INDArray> params, boolean oneHot) {
    this.kind = kind;
    this.input = cell.inputSize();
    this.hidden = cell.hiddenSize();
    this.width = kind.gates * hidden;
    FloatBlock w = FloatBlock.of(params.get("W_x"));
    this.wx = oneHot ? null : w;
    this.wxT = oneHot ? transpose(w, width, input) : null;
    this.wh = FloatBlock.of(params.get("W_h"));
    this.bias = FloatBlock.of(params.get("b")).toArray();
    this.biasHn = kind == Kind.GRU ? FloatBlock.of(params.get("b_hn")).toArray() : null;
  }

  /** The kind of a built-in cell, or empty for any other cell. */
  static Optional<Kind> kind(RecurrentCell cell) {
    if (cell instanceof LstmCell) {
      return Optional.of(Kind.LSTM);
    }
    if (cell instanceof GruCell) {
      return Optional.of(Kind.GRU);
    }
    if (cell instanceof RnnCell rnn) {
      return Optional.of(rnn.activation() == RnnCell.Activation.RELU ? Kind.RNN_RELU : Kind.RNN_TANH);
    }
    return Optional.empty();
  }

  private static FloatBlock transpose(FloatBlock w, int rows, int cols) {
    float[] a = w.toArray();
    float[] t = new float[a.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = a[r * cols + c];
      }
    }
    FloatBlock b = FloatBlock.scratch(t.length);
    b.write(0, t, t.length);
    return b;
  }

  int hidden() {
    return hidden;
  }

  int width() {
    return width;
  }

  /** Multiply-adds of a fused pass of this layer over {@code rows} rows (as {@link Arguments#work}). */
  long work(long rows) {
    return rows * width * (hidden + input);
  }

  /** {@code pre [rows, width] = x·W_xᵀ} for {@code x [rows, I]}. */
  void project(FloatBlock x, int rows, FloatBlock pre) {
    Blas.gemm(false, true, rows, width, input, x.at(0), input, wx.at(0), input, 0f, pre.at(0), width);
  }

  /** Row {@code r} of {@code pre [rows, width]} = column {@code tokens[r]} of {@code W_x}: the projection of one-hot rows. */
  void project(int[] tokens, FloatBlock pre) {
    float[] row = new float[width];
    for (int r = 0; r < tokens.length; r++) {
      wxT.read((long) tokens[r] * width, row, width);
      pre.write((long) r * width, row, width);
    }
  }

  /**
   * Runs {@code steps} steps over {@code batch} rows: {@code pre [T·B, width]} holds the input
   * projections (the recurrent products are added to it), {@code state} the cell's state
   * {@code [B, H]} each (read first, overwritten with the final state), and {@code out [T·B, H]}
   * receives the outputs.
   */
  void run(FloatBlock pre, int steps, int batch, List<FloatBlock> state, FloatBlock out, BlockPool pool) {
    int n = batch * hidden;
    float[][] gate = new float[kind.gates][n];
    float[][] b = new float[kind.gates][];
    for (int q = 0; q < kind.gates; q++) {
      b[q] = Rows.repeat(bias, q * hidden, hidden, batch);
    }
    float[] h = new float[n];
    float[] next = new float[n];
    state.get(0).read(0, h, n);
    float[] c = kind == Kind.LSTM ? new float[n] : null;
    float[] tc = kind == Kind.LSTM ? new float[n] : null;
    if (c != null) {
      state.get(1).read(0, c, n);
    }
    float[][] hh = kind == Kind.GRU ? new float[3][n] : null;
    float[] bHn = kind == Kind.GRU ? Rows.repeat(biasHn, 0, hidden, batch) : null;
    FloatBlock hhBlock = kind == Kind.GRU ? pool.take((long) n * 3) : null;
    for (int t = 0; t < steps; t++) {
      FloatBlock previous = t == 0 ? state.get(0) : out;
      long from = t == 0 ? 0 : (long) (t - 1) * n;
      long row = (long) t * batch * width;
      if (kind == Kind.GRU) {
        Blas.gemm(false, true, batch, width, hidden, previous.at(from), hidden, wh.at(0), hidden, 0f, hhBlock.at(0), width);
        pre.readColumnBlocks(row, width, gate, batch, hidden);
        hhBlock.readColumnBlocks(0, width, hh, batch, hidden);
        GruGates.forward(gate, hh, b, bHn, h, next, n);
      } else {
        Blas.gemm(false, true, batch, width, hidden, previous.at(from), hidden, wh.at(0), hidden, 1f, pre.at(row), width);
        pre.readColumnBlocks(row, width, gate, batch, hidden);
        switch (kind) {
          case LSTM -> LstmGates.forward(gate, b, c, c, tc, next, n);
          case RNN_TANH -> Activations.tanhPlus(gate[0], b[0], n);
          default -> Activations.reluPlus(gate[0], b[0], n);
        }
        if (kind != Kind.LSTM) {
          System.arraycopy(gate[0], 0, next, 0, n);
        }
      }
      out.write((long) t * n, next, n);
      float[] swap = h;
      h = next;
      next = swap;
    }
    state.get(0).write(0, h, n);
    if (c != null) {
      state.get(1).write(0, c, n);
    }
    if (hhBlock != null) {
      pool.give(hhBlock);
    }
  }
}
