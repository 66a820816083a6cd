package io.recur.core.cell;

/** One carried state vector of a cell, {@code [B, size]} at run time, zero at the start of a sequence. */
public record StateSpec(String name, int size) {
  public StateSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("state name must be non-blank");
    }
    if (size <= 0) {
      throw new IllegalArgumentException("state '" + name + "' must have size > 0 (got " + size + ")");
    }
  }

  public static StateSpec of(String name, int size) {
    return new StateSpec(name, size);
  }
}
