package io.recur.core.config;

import io.recur.core.InvalidInputException;
import java.util.Locale;

/**
 * Whether a backend runs its fused kernels for the built-in cells: {@code auto} when one exists,
 * {@code on} (a cell without a kernel is an error), {@code off} (always the generic path).
 */
public enum FusedMode {
  AUTO,
  ON,
  OFF;

  public static FusedMode parse(String s) {
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("unknown fused mode '" + s + "'; available: [auto, on, off]; set --fused or recur.fused");
    }
  }
}
