package io.recur.backend.tensorflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.types.TFloat32;

/**
 * Named tensors a session keeps between runs (parameters, gradients, optimizer slots, recurrent
 * state), with a reference on the {@link Owner} they came from. Replacing them releases the old
 * owner only after taking the new one.
 *
 * @param <K> the names
 */
final class Held<K> implements AutoCloseable {
  private Map<K, TFloat32> values = Map.of();
  private Owner owner;

  /** Takes {@code next} (tensors of {@code from}) in place of the current values. */
  void replace(Map<K, TFloat32> next, Owner from) {
    from.retain();
    Owner old = owner;
    values = Collections.unmodifiableMap(new LinkedHashMap<>(next));
    owner = from;
    if (old != null) {
      old.close();
    }
  }

  boolean isEmpty() {
    return owner == null;
  }

  TFloat32 get(K key) {
    TFloat32 t = values.get(key);
    if (t == null) {
      throw new IllegalArgumentException("no tensor '" + key + "'; present: " + values.keySet());
    }
    return t;
  }

  Map<K, TFloat32> all() {
    return values;
  }

  @Override
  public void close() {
    if (owner != null) {
      owner.close();
      owner = null;
      values = Map.of();
    }
  }
}
