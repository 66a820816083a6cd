package io.recur.backend.nd4j;

import io.recur.core.model.FloatArray;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named float32 arrays off the Java heap, c-order, each owning its buffer: a model's parameters,
 * gradients or optimizer slots on ND4J. Values move in and out through {@link FloatBuffer} views
 * of those buffers, which is also how core's optimizers update them in place.
 */
final class ParameterArrays implements AutoCloseable {
  private final Map<ParamKey, INDArray> arrays;

  private ParameterArrays(Map<ParamKey, INDArray> arrays) {
    this.arrays = Collections.unmodifiableMap(arrays);
  }

  static ParameterArrays copyOf(ParameterSet set) {
    Map<ParamKey, INDArray> m = new LinkedHashMap<>();
    set.forEach((k, a) -> {
      INDArray x = Nd4j.create(DataType.FLOAT, shape(a.shape()), 'c');
      buffer(x).put(a.data());
      m.put(k, x);
    });
    return new ParameterArrays(m);
  }

  /** Zeros with the keys and shapes of {@code like}. */
  static ParameterArrays zerosLike(ParameterArrays like) {
    Map<ParamKey, INDArray> m = new LinkedHashMap<>();
    like.arrays.forEach((k, a) -> m.put(k, Nd4j.zeros(DataType.FLOAT, a.shape())));
    return new ParameterArrays(m);
  }

  INDArray get(ParamKey key) {
    INDArray a = arrays.get(key);
    if (a == null) {
      throw new IllegalArgumentException("no parameter '" + key + "'; present: " + arrays.keySet());
    }
    return a;
  }

  Set<ParamKey> keys() {
    return arrays.keySet();
  }

  /** A view of the array's buffer, positioned at 0 (writes go straight to the array). */
  FloatBuffer buffer(ParamKey key) {
    return buffer(get(key));
  }

  private static FloatBuffer buffer(INDArray a) {
    FloatBuffer b = a.data().asNioFloat();
    b.position(0);
    return b.limit(Math.toIntExact(a.length())).slice();
  }

  /** Overwrites the values from {@code set} (same keys and shapes, checked by the caller). */
  void assign(ParameterSet set) {
    set.forEach((k, a) -> buffer(k).put(a.data()));
  }

  void fill(double value) {
    arrays.values().forEach(a -> a.assign(value));
  }

  /** A heap copy, in this object's key order. */
  ParameterSet toParameterSet() {
    Map<ParamKey, FloatArray> m = new LinkedHashMap<>();
    arrays.forEach((k, a) -> {
      float[] data = new float[Math.toIntExact(a.length())];
      buffer(a).get(data);
      m.put(k, new FloatArray(intShape(a.shape()), data));
    });
    return new ParameterSet(m);
  }

  @Override
  public void close() {
    arrays.values().forEach(a -> {
      if (!a.wasClosed()) {
        a.close();
      }
    });
  }

  private static long[] shape(int[] dims) {
    long[] l = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      l[i] = dims[i];
    }
    return l;
  }

  private static int[] intShape(long[] dims) {
    int[] s = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      s[i] = Math.toIntExact(dims[i]);
    }
    return s;
  }
}
