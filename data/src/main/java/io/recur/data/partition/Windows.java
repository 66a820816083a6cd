package io.recur.data.partition;

import io.recur.core.InvalidInputException;
import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Sequence;
import io.recur.core.util.Checks;

/** Argument checks and window copying shared by the partitioners. */
final class Windows {
  private Windows() {}

  /**
   * Checks the batch size and steps, and that the stream has at least {@code needed} tokens.
   *
   * @param formula how {@code needed} follows from batch and steps, for the message
   */
  static void check(Sequence tokens, int batchSize, int steps, long needed, String formula) {
    Checks.positive("batch size", batchSize, "pass --batch B");
    Checks.positive("steps", steps, "pass --steps T");
    if (tokens.length() < needed) {
      throw new InvalidInputException("--batch " + batchSize + " with --steps " + steps + " needs at least " + formula
          + " = " + needed + " tokens, the text has " + tokens.length() + "; lower --batch or --steps, or use a longer text");
    }
  }

  /** {@code batch · steps + 1}: one window of {@code steps} inputs (and targets one token later) per row. */
  static long oneWindowPerRow(int batchSize, int steps) {
    return (long) batchSize * steps + 1;
  }

  /** A batch whose row {@code b} has inputs {@code tokens[starts[b] .. +steps)} and targets one token later. */
  static Batch at(Sequence tokens, int[] starts, int steps, boolean resetState) {
    int[][] inputs = new int[starts.length][steps];
    int[][] targets = new int[starts.length][steps];
    for (int b = 0; b < starts.length; b++) {
      tokens.copy(starts[b], starts[b] + steps, inputs[b], 0);
      tokens.copy(starts[b] + 1, starts[b] + 1 + steps, targets[b], 0);
    }
    return new Batch(inputs, targets, resetState);
  }
}
