package io.recur.backend.nd4j.fused;

/**
 * How a pass divides the hidden units among its workers: worker {@code k} owns the contiguous
 * units {@code [offset(k), offset(k) + size(k))}. Inside a pass, gate columns and weight rows
 * are reordered so that each worker's gates are one contiguous block: for worker {@code k},
 * gate {@code q} and its unit {@code j}, row {@code gates·offset(k) + q·size(k) + j} holds the
 * cell's row {@code q·H + offset(k) + j} (the cell's own order when there is one worker or one
 * gate).
 */
record Split(int hidden, int workers) {
  Split {
    if (workers < 1 || workers > hidden) {
      throw new IllegalArgumentException("cannot split " + hidden + " units among " + workers + " workers");
    }
  }

  int offset(int k) {
    return (int) ((long) hidden * k / workers);
  }

  int size(int k) {
    return offset(k + 1) - offset(k);
  }

  /** Whether the reordered rows differ from the cell's order. */
  boolean reorders(int gates) {
    return gates > 1 && workers > 1;
  }
}
