package io.recur.core.inference;

import io.recur.core.util.Rng;

/**
 * Chooses the next token from one row of logits — the per-step half of decoding, usable by
 * programs that drive an {@link io.recur.core.backend.InferenceSession} themselves. Implementations
 * are immutable; all randomness comes from the {@link Rng} passed in.
 */
public interface TokenSelector {
  /**
   * Chooses a token id from {@code logits[offset, offset + vocab)}.
   *
   * @throws IllegalStateException if a logit is NaN or +∞ (a broken model)
   */
  int select(float[] logits, int offset, int vocab, Rng rng);
}
