/**
 * Token sequences and how they are cut into minibatches: {@link io.recur.core.sequence.Vocab}
 * (a value), {@link io.recur.core.sequence.Sequence}, {@link io.recur.core.sequence.Batch} and the
 * {@link io.recur.core.sequence.Partitioner} SPI. Building vocabularies from text and the
 * partitioning strategies live in the {@code data} module.
 */
package io.recur.core.sequence;
