package io.recur.core.cell;

import io.recur.core.InvalidInputException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cell's own hyperparameters beyond its sizes ({@code forget_bias=1}, {@code activation=relu}):
 * text keys and values, sorted, saved with the model (checkpoints, ONNX metadata) and given to the
 * cell's factory when the model is built. The cell decides what a key means and refuses what it
 * does not know.
 */
public record CellOptions(Map<String, String> values) {
  private static final CellOptions NONE = new CellOptions(Map.of());

  public CellOptions {
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey() == null || !e.getKey().matches("[A-Za-z][A-Za-z0-9_.-]*")) {
        throw new InvalidInputException("bad cell option name '" + e.getKey()
            + "'; names are letters, digits, '_', '-' or '.', starting with a letter; pass --cell-opt KEY=VALUE");
      }
      if (e.getValue() == null || e.getValue().isBlank()) {
        throw new InvalidInputException("cell option '" + e.getKey() + "' has no value; pass --cell-opt " + e.getKey() + "=VALUE");
      }
    }
    values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  public static CellOptions none() {
    return NONE;
  }

  /** Parses {@code KEY=VALUE} pairs (the {@code --cell-opt} form); a key given twice is an error. */
  public static CellOptions parse(Iterable<String> pairs) {
    Map<String, String> m = new TreeMap<>();
    for (String p : pairs) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new InvalidInputException("cell option '" + p + "' is not KEY=VALUE; pass --cell-opt forget_bias=1");
      }
      String key = p.substring(0, eq).trim();
      if (m.put(key, p.substring(eq + 1).trim()) != null) {
        throw new InvalidInputException("cell option '" + key + "' is given twice; pass it once");
      }
    }
    return new CellOptions(m);
  }

  /** These options with {@code key} set to {@code value}. */
  public CellOptions with(String key, String value) {
    Map<String, String> m = new TreeMap<>(values);
    m.put(key, value);
    return new CellOptions(m);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** The option as a finite number, or {@code fallback} when it is not set. */
  public double number(String key, double fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      double d = Double.parseDouble(v);
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException("cell option " + key + "=" + v + " is not a finite number; pass --cell-opt " + key + "=NUMBER");
  }

  /** The option's text, or {@code fallback} when it is not set. */
  public String text(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  /** Refuses any option outside {@code known}, naming the cell and the options it takes. */
  public void requireOnly(String cell, java.util.Set<String> known) {
    for (String k : values.keySet()) {
      if (!known.contains(k)) {
        throw new InvalidInputException("cell '" + cell + "' has no option '" + k + "'; it takes "
            + (known.isEmpty() ? "none" : new java.util.TreeSet<>(known)) + "; drop --cell-opt " + k);
      }
    }
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
