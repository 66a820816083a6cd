package io.recur.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Named parameter arrays in a fixed order — a model's weights, its gradients, or an optimizer's
 * slots. Backend-neutral: every backend loads from and hands back this form, checkpoints store
 * it, the ONNX exporter reads it.
 */
public final class ParameterSet {
  private final Map<ParamKey, FloatArray> arrays;

  public ParameterSet(Map<ParamKey, FloatArray> arrays) {
    this.arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
  }

  public FloatArray get(ParamKey key) {
    FloatArray a = arrays.get(key);
    if (a == null) {
      throw new IllegalArgumentException("no parameter '" + key + "'; present: " + arrays.keySet());
    }
    return a;
  }

  public boolean contains(ParamKey key) {
    return arrays.containsKey(key);
  }

  public Set<ParamKey> keys() {
    return arrays.keySet();
  }

  public Map<ParamKey, FloatArray> asMap() {
    return arrays;
  }

  public void forEach(BiConsumer<ParamKey, FloatArray> action) {
    arrays.forEach(action);
  }

  public int size() {
    return arrays.size();
  }

  /** Total number of scalar values. */
  public long count() {
    long n = 0;
    for (FloatArray a : arrays.values()) {
      n += a.size();
    }
    return n;
  }

  /** A deep copy, safe to mutate. */
  public ParameterSet copy() {
    Map<ParamKey, FloatArray> m = new LinkedHashMap<>();
    arrays.forEach((k, v) -> m.put(k, v.copy()));
    return new ParameterSet(m);
  }

  /** Global L2 norm over all arrays. */
  public double norm() {
    double s = 0;
    for (FloatArray a : arrays.values()) {
      for (float v : a.data()) {
        s += (double) v * v;
      }
    }
    return Math.sqrt(s);
  }

  @Override
  public String toString() {
    return "ParameterSet" + arrays.keySet();
  }
}
