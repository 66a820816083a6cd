package io.recur.testkit;

import io.recur.core.tensor.Shape;
import io.recur.core.util.Rng;
import java.util.Arrays;
import java.util.Locale;

/** Random test values and how failures print positions and numbers. */
final class Values {
  private Values() {}

  /** {@code n} values uniform in ±{@code scale}. */
  static double[] uniform(Rng rng, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (2 * rng.nextDouble() - 1) * scale;
    }
    return v;
  }

  static int size(int[] shape) {
    return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
  }

  static Shape shape(int... dims) {
    return Shape.of(Arrays.stream(dims).asLongStream().toArray());
  }

  static long[] longs(int[] dims) {
    return Arrays.stream(dims).asLongStream().toArray();
  }

  /** The row-major position of flat {@code index} in {@code shape}: {@code [1, 3]}. */
  static String position(int index, int[] shape) {
    int[] at = new int[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      at[d] = index % shape[d];
      index /= shape[d];
    }
    return Arrays.toString(at);
  }

  static String number(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
