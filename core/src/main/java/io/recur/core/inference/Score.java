package io.recur.core.inference;

import java.util.Arrays;

/**
 * The log-probabilities (natural log) a model gave each scored token, and the usual summaries:
 * cross-entropy is their negated mean, perplexity {@code exp(cross-entropy)}.
 */
public record Score(double[] logProbabilities) {
  public Score {
    if (logProbabilities.length == 0) {
      throw new IllegalArgumentException("a score needs at least one scored token");
    }
    logProbabilities = logProbabilities.clone();
  }

  @Override
  public double[] logProbabilities() {
    return logProbabilities.clone();
  }

  public double logProbability(int i) {
    return logProbabilities[i];
  }

  /** The number of scored tokens. */
  public int tokens() {
    return logProbabilities.length;
  }

  /** The summed log-probability. */
  public double sum() {
    double s = 0;
    for (double l : logProbabilities) {
      s += l;
    }
    return s;
  }

  /** Mean token cross-entropy in nats: {@code -sum() / tokens()}. */
  public double crossEntropy() {
    return -sum() / tokens();
  }

  /** {@code exp(crossEntropy())}. */
  public double perplexity() {
    return Math.exp(crossEntropy());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Score s && Arrays.equals(logProbabilities, s.logProbabilities);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(logProbabilities);
  }

  @Override
  public String toString() {
    return "Score(" + tokens() + " tokens, perplexity " + perplexity() + ")";
  }
}
