package io.recur.core.tensor;

import java.util.Arrays;

/** A tensor shape; {@link #UNKNOWN} marks a dimension known only at run time (e.g. batch in ONNX). */
public record Shape(long... dims) {
  public static final long UNKNOWN = -1;

  public Shape {
    dims = dims.clone();
    for (long d : dims) {
      if (d < 0 && d != UNKNOWN) {
        throw new IllegalArgumentException("negative dimension " + d + " in " + Arrays.toString(dims));
      }
    }
  }

  public static Shape of(long... dims) {
    return new Shape(dims);
  }

  public int rank() {
    return dims.length;
  }

  public long dim(int axis) {
    return dims[axis < 0 ? dims.length + axis : axis];
  }

  /** The last dimension — the feature axis every cell op works on. */
  public long last() {
    return dims[dims.length - 1];
  }

  @Override
  public long[] dims() {
    return dims.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < dims.length; i++) {
      b.append(i > 0 ? ", " : "").append(dims[i] == UNKNOWN ? "?" : Long.toString(dims[i]));
    }
    return b.append(']').toString();
  }
}
