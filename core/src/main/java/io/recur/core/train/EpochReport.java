package io.recur.core.train;

import io.recur.core.model.Objective;

/**
 * One finished epoch: the mean training loss (over the epoch's minibatches), the mean held-out
 * loss ({@code NaN} without held-out data), learning rate, the elements trained on (tokens, or
 * values) and seconds. The {@link Objective} turns losses into the reported metric (perplexity, MSE).
 */
public record EpochReport(int epoch, Objective objective, double trainLoss, double validationLoss, double learningRate,
    long count, double seconds) {
  /** The training metric: perplexity for a language model, MSE for a series model. */
  public double trainMetric() {
    return objective.metric(trainLoss);
  }

  /** The held-out metric, {@code NaN} without held-out data. */
  public double validationMetric() {
    return objective.metric(validationLoss);
  }

  /** Elements trained on per second. */
  public double throughput() {
    return count / seconds;
  }
}
