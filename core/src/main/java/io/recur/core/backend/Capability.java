package io.recur.core.backend;

/** What a backend can do. */
public enum Capability {
  /** Training sessions (forward, backward, update). */
  TRAIN,
  /** Inference sessions (step, score). */
  INFER,
  /** Computes on a GPU when one is present. */
  GPU,
  /** Has fused kernels for some built-in cells. */
  FUSED_KERNELS,
  /**
   * Its models can be the reference an export is verified against (a backend that runs exported
   * files cannot: it would compare the export with itself).
   */
  EXPORT_SOURCE
}
