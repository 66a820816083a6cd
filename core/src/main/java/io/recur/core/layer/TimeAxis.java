package io.recur.core.layer;

import io.recur.core.tensor.Tensor;
import java.util.List;

/** Splitting a time-major sequence into steps and putting it back, for backends that unroll time. */
public interface TimeAxis {
  /** {@code [T, B, F]} → T tensors {@code [B, F]}. */
  List<Tensor> unstack(Tensor sequence);

  /** T tensors {@code [B, F]} → {@code [T, B, F]}. */
  Tensor stack(List<Tensor> steps);
}
