package io.recur.backend.nd4j;

import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The recurrent state a session carries from one call to the next: per layer, one {@code [B, size]}
 * array per state vector, owned by this object (copied out of each pass, so the pass's arena
 * can free everything). It enters the next pass as constants: gradients stop at the boundary.
 */
final class CarriedState implements AutoCloseable {
  private final List<List<StateSpec>> specs;
  private final DataType dtype;
  private List<List<INDArray>> values;
  private int batch = -1;

  CarriedState(List<List<StateSpec>> specs, DataType dtype) {
    this.specs = specs;
    this.dtype = dtype;
  }

  int batch() {
    return batch;
  }

  /** Zeros for {@code batch} rows. */
  void reset(int rows) {
    List<List<INDArray>> zeros = new ArrayList<>();
    for (List<StateSpec> layer : specs) {
      List<INDArray> s = new ArrayList<>();
      for (StateSpec spec : layer) {
        s.add(Nd4j.zeros(dtype, rows, spec.size()));
      }
      zeros.add(s);
    }
    replace(zeros, rows);
  }

  /** The state for a pass over {@code rows} rows: the carried one, or zeros when asked to or when the batch size changed. */
  List<State> enter(Nd4jOps ops, int rows, boolean reset) {
    if (reset || values == null || rows != batch) {
      reset(rows);
    }
    List<State> out = new ArrayList<>(values.size());
    for (List<INDArray> layer : values) {
      out.add(new State(layer.stream().<Tensor>map(ops::constant).toList()));
    }
    return out;
  }

  /**
   * The carried arrays themselves (per layer, one contiguous {@code [B, size]} array per state
   * vector), for a caller that advances them in place.
   */
  List<List<INDArray>> values() {
    return values;
  }

  /** Keeps copies of the state a pass over {@code rows} rows ended with. */
  void keep(List<State> states, int rows) {
    List<List<INDArray>> copies = new ArrayList<>(states.size());
    for (State s : states) {
      copies.add(s.values().stream().map(t -> Nd4jOps.t(t).value().dup('c')).toList());
    }
    replace(copies, rows);
  }

  /** New row {@code i} takes old row {@code rows[i]}. */
  void reorder(int[] rows) {
    List<List<INDArray>> picked = new ArrayList<>(values.size());
    for (List<INDArray> layer : values) {
      picked.add(layer.stream().map(a -> Nd4j.pullRows(a, 1, rows).dup('c')).toList());
    }
    replace(picked, rows.length);
  }

  private void replace(List<List<INDArray>> next, int rows) {
    close();
    values = next;
    batch = rows;
  }

  @Override
  public void close() {
    if (values != null) {
      values.forEach(layer -> layer.forEach(INDArray::close));
      values = null;
    }
  }
}
