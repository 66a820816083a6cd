package io.recur.backend.nd4j.fused;

import io.recur.core.cell.RecurrentCell;
import java.util.Optional;

/** The fused kernels this backend has, looked up by the cell they compute. */
public final class FusedKernels {
  private FusedKernels() {}

  /** The kernel that computes exactly {@code cell}, if there is one. */
  public static Optional<FusedKernel> find(RecurrentCell cell) {
    return Optional.empty();
  }
}
