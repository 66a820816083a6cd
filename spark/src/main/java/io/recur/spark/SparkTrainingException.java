package io.recur.spark;

/**
 * A distributed run failed on the cluster (a worker task failed more often than Spark retries
 * it, the cluster went away). The message names where training stopped and which epoch finished
 * last; checkpoints written up to then are intact.
 */
public final class SparkTrainingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SparkTrainingException(String message, Throwable cause) {
    super(message, cause);
  }
}
