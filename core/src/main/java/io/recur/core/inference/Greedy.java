package io.recur.core.inference;

import io.recur.core.util.Rng;

/** Greedy decoding: always the most likely token (the largest logit), the lowest id among ties. */
public record Greedy() implements Decoding, TokenSelector {
  @Override
  public int select(float[] logits, int offset, int vocab, Rng rng) {
    return Softmax.argmax(logits, offset, vocab);
  }
}
