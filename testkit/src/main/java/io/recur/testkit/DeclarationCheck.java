package io.recur.testkit;

import io.recur.core.InvalidInputException;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.check.CellCheck;

/**
 * The cell's declarations against its step, at two pairs of sizes (input below and above the
 * hidden size): what a model build checks ({@link CellCheck}), as a test failure.
 */
final class DeclarationCheck {
  private static final int[][] SIZES = {{3, 4}, {5, 2}};

  private DeclarationCheck() {}

  static void run(CellUnderTest c) {
    for (int[] s : SIZES) {
      RecurrentCell cell;
      try {
        cell = c.create(s[0], s[1]);
      } catch (RuntimeException e) {
        throw new AssertionError("cell '" + c.name() + "' cannot be made at input " + s[0] + ", hidden " + s[1] + ": " + e, e);
      }
      try {
        CellCheck.declarations(c.name(), cell, s[0], s[1]);
        CellCheck.dryRun(c.name(), cell);
      } catch (InvalidInputException e) {
        throw new AssertionError(e.getMessage(), e);
      }
    }
  }
}
