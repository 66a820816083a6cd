package io.recur.core.model;

/**
 * What a model's loss measures, and so how training reports it: the mean token cross-entropy of a
 * language model is reported as perplexity {@code exp(loss)}; the mean squared error of a series
 * model as itself (and its root). Both decide when a finite loss means training has diverged.
 */
public enum Objective {
  /** Mean softmax cross-entropy in nats; metric: perplexity. */
  CROSS_ENTROPY("ppl"),
  /** Mean squared error (of scaled values); metric: MSE. */
  SQUARED_ERROR("mse");

  /**
   * A mean cross-entropy above this many nats (perplexity e^100, beyond any vocabulary: a uniform
   * guess over V tokens scores ln V) means the weights have exploded even while the numbers are
   * finite.
   */
  public static final double EXPLODED_CROSS_ENTROPY = 100;

  /**
   * A mean squared error above this on standardised values (a typical error 1000 standard
   * deviations off) means the weights have exploded.
   */
  public static final double EXPLODED_SQUARED_ERROR = 1e6;

  private final String metricName;

  Objective(String metricName) {
    this.metricName = metricName;
  }

  /** The reported metric's short name: {@code ppl} or {@code mse}. */
  public String metricName() {
    return metricName;
  }

  /** The reported metric for a mean loss: perplexity {@code exp(loss)}, or the MSE itself. */
  public double metric(double meanLoss) {
    return this == CROSS_ENTROPY ? Math.exp(meanLoss) : meanLoss;
  }

  /** The mean loss a reported metric came from (the inverse of {@link #metric}). */
  public double loss(double metric) {
    return this == CROSS_ENTROPY ? Math.log(metric) : metric;
  }

  /** Whether a finite mean loss is past anything a working model produces. */
  public boolean exploded(double meanLoss) {
    return meanLoss > (this == CROSS_ENTROPY ? EXPLODED_CROSS_ENTROPY : EXPLODED_SQUARED_ERROR);
  }
}
