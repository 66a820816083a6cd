package io.recur.core.sequence;

/**
 * One minibatch of next-token prediction: {@code inputs[b][t]} and {@code targets[b][t]}
 * (targets are the inputs shifted by one token), both {@code [B][T]}; see {@link Minibatch} for
 * {@code resetState}.
 */
public record Batch(int[][] inputs, int[][] targets, boolean resetState) implements Minibatch {
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

  @Override
  public int batchSize() {
    return inputs.length;
  }

  @Override
  public int steps() {
    return inputs[0].length;
  }

  public int tokens() {
    return batchSize() * steps();
  }

  @Override
  public long count() {
    return tokens();
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
