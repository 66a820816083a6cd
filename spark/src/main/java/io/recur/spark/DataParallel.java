package io.recur.spark;

import io.recur.core.InvalidInputException;

/**
 * How a run is spread over Spark: {@code workers} model replicas, each training on its own shard
 * of the data, whose parameters and optimizer state are averaged every {@code averageEvery} local
 * steps ({@code 1}: synchronous data parallelism), as nearly as an epoch allows: averages fall at
 * every epoch's end, so that each epoch's checkpoint is an averaged model ({@link #rounds}).
 */
public record DataParallel(int workers, int averageEvery) {
  public DataParallel {
    if (workers < 1) {
      throw new InvalidInputException("workers must be >= 1 (got " + workers + "); pass --workers N");
    }
    if (averageEvery < 1) {
      throw new InvalidInputException("average-every must be >= 1 (got " + averageEvery + "); pass --average-every K");
    }
  }

  /**
   * The rounds of an epoch of {@code steps} local steps per worker: {@code steps / averageEvery}
   * rounded to the nearest whole number (at least one) of equal length, give or take a step. An
   * epoch of 69 steps at K = 50 is one round of 69, not one of 50 and one of 19: every round costs a
   * Spark job, however short. Returns each round's first step, then {@code steps}.
   */
  public int[] rounds(int steps) {
    int count = (int) Math.max(1, Math.round((double) steps / averageEvery));
    int[] bounds = new int[count + 1];
    for (int r = 0; r <= count; r++) {
      bounds[r] = (int) ((long) r * steps / count);
    }
    return bounds;
  }
}
