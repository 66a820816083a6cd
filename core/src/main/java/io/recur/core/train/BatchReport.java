package io.recur.core.train;

/** One finished minibatch: its mean loss, gradient norm before clipping, elements, and the epoch's seconds so far. */
public record BatchReport(int epoch, int batch, int batches, double loss, double gradientNorm, long count, double epochSeconds) {}
