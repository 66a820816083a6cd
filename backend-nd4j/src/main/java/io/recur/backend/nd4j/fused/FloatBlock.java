package io.recur.backend.nd4j.fused;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Flat off-heap float32 memory: a BLAS pointer at any element offset and bulk copies to and from
 * Java arrays. Either a view of a float32 c-order INDArray (which the block holds, so the memory
 * lives as long as the block does) or a scratch buffer of its own (see {@link BlockPool}).
 */
final class FloatBlock {
  private final INDArray array;
  private final FloatPointer base;
  private final FloatBuffer buffer;

  private FloatBlock(INDArray array) {
    this(array, new FloatPointer(array.data().addressPointer()), array.length());
  }

  private FloatBlock(INDArray array, FloatPointer base, long length) {
    if (length > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("array of " + length + " elements is too large for a fused kernel");
    }
    this.array = array;
    this.base = base;
    base.capacity(length).limit(length);
    this.buffer = base.asBuffer();
  }

  /**
   * A new uninitialised scratch block of {@code length} floats, allocated by JavaCPP (no INDArray):
   * cheaper than an ND4J array, freed when the block is garbage.
   */
  static FloatBlock scratch(long length) {
    return new FloatBlock(null, new FloatPointer(length), length);
  }

  /**
   * Wraps {@code a}, copying it first unless it is float32 and its elements are contiguous in
   * c order. A contiguous view is used in place: in ND4J a view's data buffer starts at the
   * view's first element.
   */
  static FloatBlock of(INDArray a) {
    INDArray dense = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
    if (!contiguous(dense)) {
      dense = dense.dup('c');
    }
    return new FloatBlock(dense);
  }

  /**
   * Wraps {@code a} for writing in place: it must be float32 with its elements contiguous in c
   * order (a copy would silently lose the writes).
   */
  static FloatBlock inPlace(INDArray a, String name) {
    if (a.dataType() != DataType.FLOAT || !contiguous(a)) {
      throw new IllegalArgumentException(name + " must be a contiguous c-order float32 array to be written in place (got "
          + a.dataType() + ", order " + a.ordering() + (a.isView() ? ", a view" : "") + ")");
    }
    return new FloatBlock(a);
  }

  private static boolean contiguous(INDArray a) {
    if (a.ordering() != 'c' || a.data().length() != a.length()) {
      return false;
    }
    long[] shape = a.shape();
    long[] stride = a.stride();
    long expected = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] > 1 && stride[d] != expected) {
        return false;
      }
      expected *= shape[d];
    }
    return true;
  }

  /** A new uninitialised block of {@code shape}, outside any ND4J workspace. */
  static FloatBlock allocate(long... shape) {
    return new FloatBlock(Nd4j.createUninitializedDetached(DataType.FLOAT, shape));
  }

  /** The INDArray this block views; scratch blocks have none. */
  INDArray array() {
    if (array == null) {
      throw new IllegalStateException("a scratch block has no INDArray");
    }
    return array;
  }

  long length() {
    return buffer.capacity();
  }

  /** A pointer to element {@code offset}, for one BLAS call. */
  FloatPointer at(long offset) {
    return new FloatPointer(base).position(offset);
  }

  /** Copies {@code n} floats from element {@code from} of this block to element {@code to} of {@code dst}. */
  void copyTo(long from, FloatBlock dst, long to, long n) {
    Blas.copy(n, at(from), dst.at(to));
  }

  float get(long index) {
    return buffer.get((int) index);
  }

  /** Copies {@code n} floats starting at element {@code offset} into {@code dst[0..n)}. */
  void read(long offset, float[] dst, int n) {
    buffer.get((int) offset, dst, 0, n);
  }

  /** Copies {@code src[0..n)} to the elements starting at {@code offset}. */
  void write(long offset, float[] src, int n) {
    buffer.put((int) offset, src, 0, n);
  }

  /**
   * Reads a {@code [rows, width]} submatrix whose first element is at {@code offset} and whose
   * rows are {@code stride} elements apart into {@code dst[dstOffset..)}, row-major.
   */
  void readRows(long offset, int stride, float[] dst, int dstOffset, int rows, int width) {
    for (int r = 0; r < rows; r++) {
      buffer.get((int) (offset + (long) r * stride), dst, dstOffset + r * width, width);
    }
  }

  /** The inverse of {@link #readRows}. */
  void writeRows(long offset, int stride, float[] src, int srcOffset, int rows, int width) {
    for (int r = 0; r < rows; r++) {
      buffer.put((int) (offset + (long) r * stride), src, srcOffset + r * width, width);
    }
  }

  /**
   * Reads {@code blocks.length} adjacent column blocks of width {@code width} from {@code rows}
   * rows {@code stride} apart, starting at {@code offset}: block {@code q} (columns
   * {@code q·width..}) goes to {@code blocks[q]} as a {@code [rows, width]} matrix.
   */
  void readColumnBlocks(long offset, int stride, float[][] blocks, int rows, int width) {
    for (int q = 0; q < blocks.length; q++) {
      readRows(offset + (long) q * width, stride, blocks[q], 0, rows, width);
    }
  }

  /** The inverse of {@link #readColumnBlocks}. */
  void writeColumnBlocks(long offset, int stride, float[][] blocks, int rows, int width) {
    for (int q = 0; q < blocks.length; q++) {
      writeRows(offset + (long) q * width, stride, blocks[q], 0, rows, width);
    }
  }

  /** Reads the arrays one after the other, each whole, starting at element {@code offset}. */
  void readConsecutive(long offset, float[]... arrays) {
    for (float[] a : arrays) {
      read(offset, a, a.length);
      offset += a.length;
    }
  }

  /** Writes the arrays one after the other, each whole, starting at element {@code offset}. */
  void writeConsecutive(long offset, float[]... arrays) {
    for (float[] a : arrays) {
      write(offset, a, a.length);
      offset += a.length;
    }
  }

  /** The whole block as a new Java array. */
  float[] toArray() {
    float[] a = new float[(int) length()];
    read(0, a, a.length);
    return a;
  }
}
