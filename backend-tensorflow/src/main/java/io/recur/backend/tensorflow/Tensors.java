package io.recur.backend.tensorflow;

import io.recur.core.model.FloatArray;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Moving values between Java and TensorFlow tensors. Every tensor made here is filled explicitly
 * ({@code TFloat32.tensorOf(shape)} alone is uninitialised memory).
 */
final class Tensors {
  private Tensors() {}

  static TFloat32 of(FloatArray a) {
    return TFloat32.tensorOf(shape(a.shape()), DataBuffers.of(a.data(), true, false));
  }

  static TFloat32 zeros(long... shape) {
    return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(new float[Math.toIntExact(Shape.of(shape).size())], true, false));
  }

  static TFloat64 scalar(double v) {
    return TFloat64.scalarOf(v);
  }

  /** A dropout seed: the pair {@code [seed, 0]}. */
  static TInt64 seed(long seed) {
    return TInt64.vectorOf(seed, 0);
  }

  /** Token ids {@code rows[b][t]} as a time-major {@code [T, B]} tensor. */
  static TInt32 timeMajor(int[][] rows) {
    int b = rows.length;
    int t = rows[0].length;
    int[] ids = new int[b * t];
    for (int r = 0; r < b; r++) {
      for (int s = 0; s < t; s++) {
        ids[s * b + r] = rows[r][s];
      }
    }
    return TInt32.tensorOf(Shape.of(t, b), DataBuffers.of(ids, true, false));
  }

  static float[] read(TFloat32 t) {
    float[] data = new float[Math.toIntExact(t.shape().size())];
    t.copyTo(DataBuffers.of(data, false, false));
    return data;
  }

  /** Makes tensors of every array in {@code set} and puts them in {@code into} (which then owns them). */
  static void load(ParameterSet set, Held<ParamKey> into) {
    Map<ParamKey, TFloat32> m = new LinkedHashMap<>();
    set.forEach((k, a) -> m.put(k, of(a)));
    try (Owner owner = Owner.of(new ArrayList<>(m.values()))) {
      into.replace(m, owner);
    }
  }

  /** A heap copy of named tensors, in their order. */
  static ParameterSet toParameterSet(Map<ParamKey, TFloat32> tensors) {
    Map<ParamKey, FloatArray> m = new LinkedHashMap<>();
    tensors.forEach((k, t) -> m.put(k, new FloatArray(intShape(t.shape()), read(t))));
    return new ParameterSet(m);
  }

  static Shape shape(int[] dims) {
    long[] l = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      l[i] = dims[i];
    }
    return Shape.of(l);
  }

  private static int[] intShape(Shape s) {
    int[] dims = new int[s.numDimensions()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = Math.toIntExact(s.get(i));
    }
    return dims;
  }
}
