package io.recur.spark;

import java.io.Serializable;

/**
 * What one worker hands back after a round: its model state, and for each local step it made the
 * summed loss, the elements it averaged over and the gradient norm before clipping; whether its
 * last step diverged (it stops there); and the seconds its steps took.
 */
record WorkerReport(int shard, ModelState state, double[] lossSums, long[] counts, double[] gradientNorms,
    boolean diverged, double seconds) implements Serializable {
  /** Local steps made. */
  int steps() {
    return lossSums.length;
  }
}
