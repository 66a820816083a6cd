package io.recur.backend.nd4j.fused;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A float32 c-order INDArray seen as flat off-heap memory: a BLAS pointer at any element offset
 * and bulk copies to and from Java arrays. The block holds its array, so the memory lives as long
 * as the block does.
 */
final class FloatBlock {
  private final INDArray array;
  private final FloatPointer base;
  private final FloatBuffer buffer;

  private FloatBlock(INDArray array) {
    if (array.length() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("array of " + array.length() + " elements is too large for a fused kernel");
    }
    this.array = array;
    this.base = new FloatPointer(array.data().addressPointer());
    base.capacity(array.length()).limit(array.length());
    this.buffer = base.asBuffer();
  }

  /** Wraps {@code a}, copying it first unless it is already float32, c-order and not a view. */
  static FloatBlock of(INDArray a) {
    INDArray dense = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
    if (dense.isView() || dense.ordering() != 'c' || dense.data().length() != dense.length()) {
      dense = dense.dup('c');
    }
    return new FloatBlock(dense);
  }

  /** A new uninitialised block of {@code shape}, outside any ND4J workspace. */
  static FloatBlock allocate(long... shape) {
    return new FloatBlock(Nd4j.createUninitializedDetached(DataType.FLOAT, shape));
  }

  /** A new zero block of {@code shape}, outside any ND4J workspace. */
  static FloatBlock zeros(long... shape) {
    FloatBlock b = allocate(shape);
    b.array.assign(0f);
    return b;
  }

  INDArray array() {
    return array;
  }

  /** A pointer to element {@code offset}, for one BLAS call. */
  FloatPointer at(long offset) {
    return new FloatPointer(base).position(offset);
  }

  /** Copies {@code n} floats starting at element {@code offset} into {@code dst[0..n)}. */
  void read(long offset, float[] dst, int n) {
    buffer.get((int) offset, dst, 0, n);
  }

  /** Copies {@code src[0..n)} to the elements starting at {@code offset}. */
  void write(long offset, float[] src, int n) {
    buffer.put((int) offset, src, 0, n);
  }

  /** The whole block as a new Java array. */
  float[] toArray() {
    float[] a = new float[(int) array.length()];
    read(0, a, a.length);
    return a;
  }
}
