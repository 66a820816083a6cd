package io.recur.core.model;

import java.util.Arrays;

/** A float32 array with a shape, row-major, on the Java heap: how parameters travel between backends. */
public record FloatArray(int[] shape, float[] data) {
  public FloatArray {
    shape = shape.clone();
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, data has " + data.length);
    }
  }

  public static FloatArray zeros(int... shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return new FloatArray(shape, new float[Math.toIntExact(n)]);
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** The values themselves (not a copy): callers that keep them must not share them mutably. */
  @Override
  public float[] data() {
    return data;
  }

  public int size() {
    return data.length;
  }

  public FloatArray copy() {
    return new FloatArray(shape, data.clone());
  }

  public boolean sameShape(int[] other) {
    return Arrays.equals(shape, other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FloatArray f && Arrays.equals(shape, f.shape) && Arrays.equals(data, f.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "FloatArray" + Arrays.toString(shape);
  }
}
