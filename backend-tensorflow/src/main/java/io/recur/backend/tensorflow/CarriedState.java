package io.recur.backend.tensorflow;

import io.recur.core.cell.StateSpec;
import io.recur.core.model.FloatArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.types.TFloat32;

/**
 * The recurrent state a session carries from one run to the next: one {@code [B, size]} tensor
 * per layer and state vector, in order. It is fed to the next run as a plain input, so gradients
 * stop at the minibatch boundary; zeros at the start, when the batch says so, or when the batch
 * size changes.
 */
final class CarriedState implements AutoCloseable {
  private final List<StateSpec> specs;
  private final Held<Integer> values = new Held<>();
  private int batch = -1;

  /** @param layers the state each layer carries */
  CarriedState(List<List<StateSpec>> layers) {
    this.specs = layers.stream().flatMap(List::stream).toList();
  }

  int batch() {
    return batch;
  }

  /** Zeros for {@code rows} rows. */
  void reset(int rows) {
    List<TFloat32> zeros = new ArrayList<>();
    for (StateSpec s : specs) {
      zeros.add(Tensors.zeros(rows, s.size()));
    }
    try (Owner owner = Owner.of(zeros)) {
      replace(zeros, owner, rows);
    }
  }

  /** The state to feed to a run over {@code rows} rows: the carried one, or zeros when asked to or when the batch size changed. */
  List<TFloat32> enter(int rows, boolean reset) {
    if (reset || values.isEmpty() || rows != batch) {
      reset(rows);
    }
    return new ArrayList<>(values.all().values());
  }

  /** Keeps the state a run ended with (tensors of {@code owner}, in order). */
  void keep(List<TFloat32> next, Owner owner, int rows) {
    replace(next, owner, rows);
  }

  /** New row {@code i} takes old row {@code rows[i]}. */
  void reorder(int[] rows) {
    List<TFloat32> picked = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      int size = specs.get(i).size();
      float[] old = Tensors.read(values.get(i));
      float[] next = new float[rows.length * size];
      for (int r = 0; r < rows.length; r++) {
        System.arraycopy(old, rows[r] * size, next, r * size, size);
      }
      picked.add(Tensors.of(new FloatArray(new int[] {rows.length, size}, next)));
    }
    try (Owner owner = Owner.of(picked)) {
      replace(picked, owner, rows.length);
    }
  }

  private void replace(List<TFloat32> next, Owner owner, int rows) {
    Map<Integer, TFloat32> m = new LinkedHashMap<>();
    for (int i = 0; i < next.size(); i++) {
      m.put(i, next.get(i));
    }
    values.replace(m, owner);
    batch = rows;
  }

  @Override
  public void close() {
    values.close();
  }
}
