package io.recur.backend.nd4j;

import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dsdot;

import io.recur.core.model.FloatArray;
import io.recur.core.optim.Optimizer;
import io.recur.core.optim.Sgd;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One parameter's gradient in a training session: a persistent float32 c-order array that the
 * tape accumulates into directly (a {@link Tape#leaf(ParamGradient) sink}), and what is known of
 * its contents. After {@link #clear} it is zero (the array may still hold the last step's values;
 * the first contribution overwrites or cleans them). Contributions of whole rows
 * ({@link #addRows}, an embedding's backward) keep it <em>row-sparse</em>: only the rows a
 * minibatch touched are non-zero, and only those are cleaned, summed for the norm and — under
 * SGD — updated. Any dense contribution makes it dense.
 */
final class ParamGradient implements AutoCloseable {
  private enum Content {
    ZERO, ROWS, DENSE
  }

  private final INDArray array;
  private final int rows;
  private final int width;
  private final boolean[] touched;
  private final int[] rowList;
  private int rowCount;
  private Content content = Content.ZERO;
  /** Whether the array, whatever {@link #content} says, may hold non-zero values outside the listed rows. */
  private boolean denseDirty;

  ParamGradient(long[] shape) {
    this.array = Nd4j.zeros(DataType.FLOAT, shape);
    this.rows = shape.length == 0 ? 1 : Math.toIntExact(shape[0]);
    this.width = Math.toIntExact(array.length() / Math.max(1, rows));
    this.touched = new boolean[rows];
    this.rowList = new int[rows];
  }

  /** The gradient becomes zero (lazily: nothing is written now). */
  void clear() {
    if (content == Content.DENSE) {
      denseDirty = true;
    }
    content = Content.ZERO;
  }

  /** Whether no contribution arrived since {@link #clear}. */
  boolean isZero() {
    return content == Content.ZERO;
  }

  /** The array, for reading; zero outside the touched rows when row-sparse. Valid unless {@link #isZero}. */
  INDArray array() {
    return array;
  }

  /** Adds {@code g} (same shape; read, never kept). */
  void add(INDArray g) {
    if (content == Content.ZERO) {
      array.assign(g);
    } else {
      array.addi(g);
    }
    forgetRows();
    content = Content.DENSE;
    denseDirty = false;
  }

  /** The array as a dense accumulator to add into in place (zeroed first if the gradient was zero). */
  INDArray accumulator() {
    if (content == Content.ZERO) {
      array.assign(0);
    }
    forgetRows();
    content = Content.DENSE;
    denseDirty = false;
    return array;
  }

  /** Adds row {@code i} of {@code g [n, width]} to row {@code ids[i]}, for every {@code i} (repeats add up). */
  void addRows(int[] ids, INDArray g) {
    if (content == Content.ZERO) {
      if (denseDirty) {
        array.assign(0);
        denseDirty = false;
      }
      cleanRows();
      content = Content.ROWS;
    }
    if (content == Content.ROWS) {
      for (int id : ids) {
        if (!touched[id]) {
          touched[id] = true;
          rowList[rowCount++] = id;
        }
      }
    }
    Encodings.scatterAdd(array, ids, g);
  }

  /** Σ of the squared elements, accumulated in double; over the touched rows only when row-sparse. */
  double sumOfSquares() {
    return switch (content) {
      case ZERO -> 0;
      case DENSE -> sumOfSquares(0, Math.toIntExact(array.length()));
      case ROWS -> {
        double s = 0;
        for (int i = 0; i < rowCount; i++) {
          s += sumOfSquares((long) rowList[i] * width, width);
        }
        yield s;
      }
    };
  }

  /** OpenBLAS's dot product of float vectors in double ({@code dsdot}): 5× a Java loop over the direct buffer. */
  private double sumOfSquares(long from, int n) {
    FloatPointer p = new FloatPointer(array.data().addressPointer()).position(from);
    return cblas_dsdot(n, p, 1, p, 1);
  }

  /**
   * Applies {@code optimizer} to {@code param} with this gradient. SGD, which leaves a parameter
   * with a zero gradient exactly as it is, touches only the non-zero rows (none when the gradient
   * is zero); any other optimizer sees the whole dense gradient (Adam's moments decay on every
   * element, as in PyTorch with dense embedding gradients).
   */
  void update(Optimizer optimizer, FloatBuffer param, FloatBuffer[] slots, long step, double learningRate, double gradScale) {
    if (optimizer instanceof Sgd && content != Content.DENSE) {
      FloatBuffer g = buffer(array);
      for (int i = 0; i < (content == Content.ROWS ? rowCount : 0); i++) {
        int from = rowList[i] * width;
        optimizer.update(slice(param, from, width), slice(g, from, width), slots, step, learningRate, gradScale);
      }
      return;
    }
    optimizer.update(param, buffer(dense()), slots, step, learningRate, gradScale);
  }

  /** The array holding exactly the gradient (cleaned if it is zero). */
  INDArray dense() {
    if (content == Content.ZERO) {
      if (denseDirty) {
        array.assign(0);
        denseDirty = false;
      }
      cleanRows();
    }
    return array;
  }

  /** A heap copy of the gradient. */
  FloatArray copy() {
    FloatBuffer b = buffer(dense());
    float[] data = new float[b.limit()];
    b.get(data);
    return new FloatArray(Arrays.stream(array.shape()).mapToInt(Math::toIntExact).toArray(), data);
  }

  private void cleanRows() {
    FloatBuffer b = buffer(array);
    float[] zeros = new float[width];
    for (int i = 0; i < rowCount; i++) {
      b.put(rowList[i] * width, zeros, 0, width);
    }
    forgetRows();
  }

  private void forgetRows() {
    for (int i = 0; i < rowCount; i++) {
      touched[rowList[i]] = false;
    }
    rowCount = 0;
  }

  private static FloatBuffer slice(FloatBuffer b, int from, int n) {
    return b.duplicate().position(from).limit(from + n).slice();
  }

  /** A view of {@code a}'s buffer, positioned at 0. */
  static FloatBuffer buffer(INDArray a) {
    FloatBuffer b = a.data().asNioFloat();
    b.position(0);
    return b.limit(Math.toIntExact(a.length())).slice();
  }

  @Override
  public void close() {
    if (!array.wasClosed()) {
      array.close();
    }
  }
}
