package io.recur.core.sequence;

/**
 * One minibatch of next-token prediction: {@code inputs[b][t]} and {@code targets[b][t]}
 * (targets are the inputs shifted by one token), both {@code [B][T]}. {@code resetState} says
 * the rows do not continue the previous minibatch's rows, so recurrent state starts at zero;
 * when false, row {@code b} continues row {@code b} of the previous batch and state is carried.
 */
public record Batch(int[][] inputs, int[][] targets, boolean resetState) {
  public Batch {
    if (inputs.length == 0 || inputs.length != targets.length) {
      throw new IllegalArgumentException("a batch needs B > 0 rows of inputs and as many of targets");
    }
    int t = inputs[0].length;
    for (int b = 0; b < inputs.length; b++) {
      if (inputs[b].length != t || targets[b].length != t) {
        throw new IllegalArgumentException("ragged batch: row " + b + " is not " + t + " steps long");
      }
    }
  }

  public int batchSize() {
    return inputs.length;
  }

  public int steps() {
    return inputs[0].length;
  }

  public int tokens() {
    return batchSize() * steps();
  }

  /** Inputs in time-major order: element {@code t·B + b}. */
  public int[] inputsTimeMajor() {
    return timeMajor(inputs);
  }

  /** Targets in time-major order: element {@code t·B + b}. */
  public int[] targetsTimeMajor() {
    return timeMajor(targets);
  }

  private static int[] timeMajor(int[][] rows) {
    int b = rows.length;
    int t = rows[0].length;
    int[] out = new int[b * t];
    for (int r = 0; r < b; r++) {
      for (int s = 0; s < t; s++) {
        out[s * b + r] = rows[r][s];
      }
    }
    return out;
  }
}
