package io.recur.core.train;

/**
 * One finished epoch: training perplexity (over the epoch's minibatches), held-out perplexity
 * ({@code NaN} without held-out text), learning rate, training tokens and seconds.
 */
public record EpochReport(int epoch, double trainPerplexity, double validationPerplexity, double learningRate,
    long tokens, double seconds) {
  public double tokensPerSecond() {
    return tokens / seconds;
  }
}
