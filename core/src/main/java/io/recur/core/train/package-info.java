/**
 * The one training loop ({@link io.recur.core.train.Trainer}): epochs over a partitioner, state
 * carried and detached under sequential partitioning, global-norm clipping, the optimizer step,
 * perplexity on training and held-out text, divergence detection, listeners. Backends supply only
 * the {@link io.recur.core.backend.TrainingSession}.
 */
package io.recur.core.train;
