package io.recur.data.stats;

import io.recur.core.InvalidInputException;
import io.recur.core.sequence.Sequence;

/**
 * An n-gram language model with Laplace (add-alpha) smoothing:
 * {@code P(w | ctx) = (c(ctx, w) + α) / (c(ctx) + α·V)}, where {@code ctx} is the previous
 * {@code n − 1} tokens, {@code c(ctx, w)} counts the n-gram in the training stream,
 * {@code c(ctx) = Σ_w c(ctx, w)} counts the context where a token follows it (for n = 1, the
 * training length), and {@code V} is the vocabulary size, {@code <unk>} included. Every
 * probability is positive, so unseen n-grams keep the perplexity finite, and the probabilities
 * of one context sum to 1. Immutable and thread-safe once trained.
 */
public final class NgramModel {
  private final int n;
  private final double alpha;
  private final int vocabSize;
  private final NgramTable grams;
  private final NgramTable contexts;
  private final long tokens;

  private NgramModel(int n, double alpha, int vocabSize, int[] train) {
    this.n = n;
    this.alpha = alpha;
    this.vocabSize = vocabSize;
    this.grams = NgramTable.of(n, train);
    this.contexts = n > 1 ? NgramTable.of(n - 1, train, Math.max(0, train.length - n + 1)) : null;
    this.tokens = train.length;
  }

  /**
   * Counts the n-grams of {@code train}. A stream shorter than {@code n} gives a model without
   * counts, which is uniform: every probability is {@code 1/V}.
   *
   * @param vocabSize V, the number of distinct ids (every id must be below it)
   * @throws InvalidInputException if {@code n < 1}, {@code alpha} is not positive and finite,
   *     or an id lies outside {@code [0, V)}
   */
  public static NgramModel train(Sequence train, int n, double alpha, int vocabSize) {
    if (n < 1) {
      throw new InvalidInputException("n must be >= 1 (got " + n + "); pass --n N");
    }
    if (!(alpha > 0 && Double.isFinite(alpha))) {
      throw new InvalidInputException("alpha must be a positive number (got " + alpha
          + "); Laplace smoothing needs a pseudo-count > 0, e.g. --alpha 1");
    }
    if (vocabSize < 1) {
      throw new InvalidInputException("vocabulary size must be > 0 (got " + vocabSize + ")");
    }
    int[] ids = train.toArray();
    checkIds(ids, vocabSize);
    return new NgramModel(n, alpha, vocabSize, ids);
  }

  public int order() {
    return n;
  }

  public double alpha() {
    return alpha;
  }

  public int vocabSize() {
    return vocabSize;
  }

  /** Distinct n-grams seen in training. */
  public int distinctNgrams() {
    return grams.size();
  }

  /** {@code P(ids[i] | ids[i−n+1 .. i−1])}; needs {@code i ≥ n − 1}. */
  public double probability(int[] ids, int i) {
    if (i < n - 1 || i >= ids.length) {
      throw new IllegalArgumentException("position " + i + " has no full context of " + (n - 1) + " tokens in " + ids.length);
    }
    int from = i - n + 1;
    long joint = grams.count(ids, from);
    long context = contexts == null ? tokens : contexts.count(ids, from);
    return (joint + alpha) / (context + alpha * vocabSize);
  }

  /**
   * Perplexity {@code exp(mean −log P)} of a held-out stream. Each token with a full context
   * inside the stream is scored — positions {@code n−1 … L−1}, so {@code L − n + 1} tokens; the
   * first {@code n − 1} tokens serve only as context (no padding, no back-off).
   *
   * @throws InvalidInputException if the stream has fewer than {@code n} tokens or an id outside {@code [0, V)}
   */
  public double perplexity(Sequence heldOut) {
    int[] ids = heldOut.toArray();
    if (ids.length < n) {
      throw new InvalidInputException("held-out text has " + ids.length + " tokens; a " + n
          + "-gram model scores the tokens after the first " + (n - 1) + ", so it needs at least " + n
          + "; lower --n or raise --val-fraction");
    }
    checkIds(ids, vocabSize);
    double nll = 0;
    for (int i = n - 1; i < ids.length; i++) {
      nll -= Math.log(probability(ids, i));
    }
    return Math.exp(nll / (ids.length - n + 1));
  }

  private static void checkIds(int[] ids, int vocabSize) {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0 || ids[i] >= vocabSize) {
        throw new InvalidInputException("token id " + ids[i] + " at position " + i + " is outside the vocabulary of "
            + vocabSize + "; encode the text with the vocabulary the model was trained with");
      }
    }
  }

  @Override
  public String toString() {
    return "NgramModel(n=" + n + ", alpha=" + alpha + ", V=" + vocabSize + ", " + grams.size() + " n-grams)";
  }
}
