package io.recur.backend.tensorflow;

import io.recur.core.sequence.Sequence;
import io.recur.core.util.Rng;

/** Token streams for tests: learnable structure (a fixed walk) plus rare noise. */
final class TestCorpus {
  private TestCorpus() {}

  /** A stream of {@code length} tokens over {@code vocab} symbols. */
  static Sequence walk(int length, int vocab, long seed) {
    Rng rng = new Rng(seed);
    int[] ids = new int[length];
    for (int i = 1; i < length; i++) {
      ids[i] = rng.nextDouble() < 0.1 ? rng.nextInt(vocab) : (ids[i - 1] * 3 + 1) % vocab;
    }
    return Sequence.of(ids);
  }
}
