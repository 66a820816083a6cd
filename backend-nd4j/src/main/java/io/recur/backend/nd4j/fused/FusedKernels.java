package io.recur.backend.nd4j.fused;

import io.recur.core.cell.RecurrentCell;
import java.util.List;
import java.util.Optional;

/**
 * The fused kernels of the built-in cells: {@code LstmCell}, {@code GruCell} and {@code RnnCell}
 * (tanh and ReLU). Kernels are stateless and thread-safe; each forward pass owns its memory.
 */
public final class FusedKernels {
  private static final List<FusedKernel> KERNELS = List.of(new LstmKernel(), new GruKernel(), new RnnKernel());

  private FusedKernels() {}

  /** The kernel that computes exactly {@code cell}, or empty when it has none (any custom cell). */
  public static Optional<FusedKernel> find(RecurrentCell cell) {
    return KERNELS.stream().filter(k -> k.supports(cell)).findFirst();
  }
}
