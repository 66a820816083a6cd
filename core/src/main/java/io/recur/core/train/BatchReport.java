package io.recur.core.train;

/** One finished minibatch: its mean loss (nats per token), gradient norm before clipping, and progress. */
public record BatchReport(int epoch, int batch, int batches, double loss, double gradientNorm, long tokens, double epochSeconds) {}
