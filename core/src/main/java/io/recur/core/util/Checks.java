package io.recur.core.util;

import io.recur.core.InvalidInputException;

/** Argument checks whose messages name the value, what it got, and (where given) the fix. */
public final class Checks {
  private Checks() {}

  /** @throws InvalidInputException "NAME must be > 0 (got V)" */
  public static int positive(String name, int value) {
    if (value <= 0) {
      throw new InvalidInputException(name + " must be > 0 (got " + value + ")");
    }
    return value;
  }

  /** @throws InvalidInputException "NAME must be > 0 (got V); FIX" */
  public static int positive(String name, int value, String fix) {
    if (value <= 0) {
      throw new InvalidInputException(name + " must be > 0 (got " + value + "); " + fix);
    }
    return value;
  }

  /** @throws InvalidInputException unless {@code lo <= value <= hi} */
  public static double inRange(String name, double value, double lo, double hi, String fix) {
    if (!(value >= lo && value <= hi)) {
      throw new InvalidInputException(name + " must be in [" + lo + ", " + hi + "] (got " + value + "); " + fix);
    }
    return value;
  }
}
