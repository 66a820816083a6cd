/**
 * Implementations of core's {@link io.recur.core.sequence.Partitioner}: how a token stream is
 * cut into the {@code [batch][steps]} minibatches of an epoch. Random sampling and sequential
 * partitioning follow the <i>Dive into Deep Learning</i> textbook (§8.3) exactly; the offsets
 * layout is Chainer's RNNLM example, the batchify layout PyTorch's word_language_model. Look
 * them up by name with {@link io.recur.data.partition.Partitioners}.
 */
package io.recur.data.partition;
