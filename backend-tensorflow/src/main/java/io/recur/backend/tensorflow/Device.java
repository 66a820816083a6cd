package io.recur.backend.tensorflow;

import io.recur.core.InvalidInputException;
import java.util.Locale;

/**
 * The device asked for: {@code cpu}, {@code gpu}, or {@code auto} (a GPU when TensorFlow sees one,
 * else the CPU). Read from the system property {@code recur.device} until the run configuration
 * carries it.
 */
enum Device {
  CPU,
  GPU,
  AUTO;

  static final String PROPERTY = "recur.device";

  static Device configured() {
    String v = System.getProperty(PROPERTY);
    return v == null ? AUTO : parse(v);
  }

  static Device parse(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "cpu" -> CPU;
      case "gpu" -> GPU;
      case "auto" -> AUTO;
      default -> throw new InvalidInputException("unknown device '" + name + "'; available: [auto, cpu, gpu]; set "
          + PROPERTY);
    };
  }
}
