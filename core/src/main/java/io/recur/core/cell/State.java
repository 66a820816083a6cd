package io.recur.core.cell;

import io.recur.core.tensor.Tensor;
import java.util.List;

/** The state a cell carries between steps: one tensor per {@link StateSpec}, in declaration order. */
public record State(List<Tensor> values) {
  public State {
    values = List.copyOf(values);
  }

  public static State of(Tensor... values) {
    return new State(List.of(values));
  }

  public Tensor get(int index) {
    return values.get(index);
  }

  public int size() {
    return values.size();
  }
}
