package io.recur.core.sequence;

/**
 * One minibatch of real-valued sequences: {@code inputs[b][t]} ({@code F} values) and
 * {@code targets[b][t]} ({@code D} values) — what the model reads at step {@code t} of row
 * {@code b} and what it should predict there. See {@link Minibatch} for {@code resetState}.
 */
public record SeriesBatch(float[][][] inputs, float[][][] targets, boolean resetState) implements Minibatch {
  public SeriesBatch {
    if (inputs.length == 0 || inputs.length != targets.length) {
      throw new IllegalArgumentException("a batch needs B > 0 rows of inputs and as many of targets");
    }
    int t = inputs[0].length;
    if (t == 0) {
      throw new IllegalArgumentException("a batch needs T > 0 steps");
    }
    int f = inputs[0][0].length;
    int d = targets[0][0].length;
    for (int b = 0; b < inputs.length; b++) {
      if (inputs[b].length != t || targets[b].length != t) {
        throw new IllegalArgumentException("ragged batch: row " + b + " is not " + t + " steps long");
      }
      for (int s = 0; s < t; s++) {
        if (inputs[b][s].length != f || targets[b][s].length != d) {
          throw new IllegalArgumentException("ragged batch: row " + b + ", step " + s + " is not " + f + " → " + d + " values");
        }
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

  /** Values read per step. */
  public int features() {
    return inputs[0][0].length;
  }

  /** Values predicted per step. */
  public int outputs() {
    return targets[0][0].length;
  }

  @Override
  public long count() {
    return (long) batchSize() * steps() * outputs();
  }

  /** Inputs time-major: value {@code f} of row {@code b} at step {@code t} at {@code (t·B + b)·F + f}. */
  public float[] inputsTimeMajor() {
    return timeMajor(inputs);
  }

  /** Targets time-major: {@code (t·B + b)·D + d}. */
  public float[] targetsTimeMajor() {
    return timeMajor(targets);
  }

  private static float[] timeMajor(float[][][] rows) {
    int b = rows.length;
    int t = rows[0].length;
    int w = rows[0][0].length;
    float[] out = new float[b * t * w];
    for (int r = 0; r < b; r++) {
      for (int s = 0; s < t; s++) {
        System.arraycopy(rows[r][s], 0, out, (s * b + r) * w, w);
      }
    }
    return out;
  }
}
