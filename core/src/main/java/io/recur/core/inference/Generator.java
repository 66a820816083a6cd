package io.recur.core.inference;

import io.recur.core.InvalidInputException;
import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import io.recur.core.util.Rng;
import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Generates token ids from a prefix: feeds the whole prefix to a fresh session of one row (the
 * warm-up), then produces tokens with a {@link Decoding}, each conditioned on the prefix and the
 * tokens before it. The prefix must hold at least one token — the model has nothing to condition
 * the first token on otherwise; there is no implicit start token. Immutable: one generator may
 * serve many threads at once, each call opening its own session on the shared model.
 */
public final class Generator {
  /** The most tokens one call generates. */
  public static final int MAX_LENGTH = 1 << 24;

  private final InferenceModel model;
  private final LongSupplier nanoClock;

  public Generator(InferenceModel model) {
    this(model, System::nanoTime);
  }

  /** With the clock {@link Generation}'s timings are read from (tests count model calls instead of time). */
  Generator(InferenceModel model, LongSupplier nanoClock) {
    this.model = model;
    this.nanoClock = nanoClock;
  }

  /**
   * Generates up to {@code length} tokens after {@code prefix} (exactly {@code length} unless a
   * beam search ends early at its end token).
   *
   * @param seed the randomness of {@link Sampling}; the same seed gives the same tokens
   * @throws InvalidInputException if the prefix is empty or holds an id outside the vocabulary,
   *     or {@code length <= 0}
   */
  public Generation generate(int[] prefix, int length, Decoding decoding, long seed) {
    return generate(prefix, length, decoding, seed, token -> {});
  }

  /**
   * {@link #generate(int[], int, Decoding, long)}, handing each token to {@code onToken} as soon as
   * it is chosen (a beam search knows its tokens only at the end: they come then), so a long
   * generation can be shown as it goes.
   */
  public Generation generate(int[] prefix, int length, Decoding decoding, long seed, IntConsumer onToken) {
    int vocab = model.spec().vocabSize();
    checkPrefix(prefix, vocab);
    if (length <= 0 || length > MAX_LENGTH) {
      throw new InvalidInputException("length must be in [1, " + MAX_LENGTH + "] (got " + length + "); pass --length N");
    }
    try (InferenceSession session = model.newSession(1)) {
      long start = nanoClock.getAsLong();
      float[] logits = warmUp(session, prefix, vocab);
      long warm = nanoClock.getAsLong();
      int[] tokens;
      int steps;
      if (decoding instanceof BeamSearch beam) {
        BeamSearcher.Result r = BeamSearcher.search(beam, session, logits, vocab, length);
        tokens = r.best().tokens();
        steps = r.steps();
        Arrays.stream(tokens).forEach(onToken);
      } else {
        tokens = decode(session, logits, vocab, length, (TokenSelector) decoding, new Rng(seed).fork("generate"), onToken);
        steps = length;
      }
      long end = nanoClock.getAsLong();
      return new Generation(tokens, (warm - start) / 1e6, (end - warm) / 1e6 / steps);
    }
  }

  private static int[] decode(InferenceSession session, float[] first, int vocab, int length, TokenSelector selector, Rng rng,
      IntConsumer onToken) {
    int[] out = new int[length];
    float[] logits = first;
    for (int i = 0; i < length; i++) {
      out[i] = selector.select(logits, 0, vocab, rng);
      onToken.accept(out[i]);
      if (i + 1 < length) {
        logits = session.step(new int[] {out[i]}).data();
      }
    }
    return out;
  }

  /**
   * Feeds the prefix in windows small enough that no call returns more than
   * {@link Scorer#DEFAULT_MAX_LOGITS} logits; returns the logits after its last token.
   */
  private static float[] warmUp(InferenceSession session, int[] prefix, int vocab) {
    int window = Math.max(1, Scorer.DEFAULT_MAX_LOGITS / vocab);
    Logits logits = null;
    for (int from = 0; from < prefix.length; from += window) {
      logits = session.forward(new int[][] {Arrays.copyOfRange(prefix, from, Math.min(prefix.length, from + window))});
    }
    return logits.row(logits.steps() - 1, 0);
  }

  private static void checkPrefix(int[] prefix, int vocab) {
    if (prefix.length == 0) {
      throw new InvalidInputException("the prefix is empty; the model needs at least one token to condition on; pass --prefix TEXT");
    }
    for (int i = 0; i < prefix.length; i++) {
      if (prefix[i] < 0 || prefix[i] >= vocab) {
        throw new InvalidInputException("prefix token " + i + " has id " + prefix[i] + ", outside the model's vocabulary of "
            + vocab + "; encode the prefix with the model's own vocabulary (Prompt.of)");
      }
    }
  }
}
