/**
 * Builds core's {@link io.recur.core.sequence.Vocab} from tokens, in the deterministic order of
 * the textbook's {@code d2l.Vocab}. Saving and loading a vocabulary is core's.
 */
package io.recur.data.vocab;
