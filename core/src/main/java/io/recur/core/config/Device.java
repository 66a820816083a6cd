package io.recur.core.config;

import io.recur.core.InvalidInputException;
import java.util.Locale;

/**
 * Where a backend that has devices computes: {@code cpu}, {@code gpu} (fails with a clear message
 * when none is visible) or {@code auto} (a GPU when one is visible, else the CPU — the backend says
 * which it used). Backends without devices run on the CPU whatever this says.
 */
public enum Device {
  CPU,
  GPU,
  AUTO;

  public static Device parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("unknown device '" + s + "'; available: [auto, cpu, gpu]; set --device");
    }
  }

  /** The configuration name: {@code cpu}, {@code gpu}, {@code auto}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
