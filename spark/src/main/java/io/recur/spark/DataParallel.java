package io.recur.spark;

import io.recur.core.InvalidInputException;

/**
 * How a run is spread over Spark: {@code workers} model replicas, each training on its own shard
 * of the data, whose parameters and optimizer state are averaged every {@code averageEvery} local
 * steps ({@code 1}: synchronous data parallelism).
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
}
