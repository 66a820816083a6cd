package io.recur.data.stats;

import io.recur.core.InvalidInputException;
import io.recur.core.sequence.Sequence;
import io.recur.core.sequence.Vocab;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Statistics of a token stream: its length, the vocabulary size, unigram, bigram and trigram
 * summaries (distinct counts and the top {@code k}), and the Zipf exponent of its unigrams.
 *
 * @param tokens tokens in the stream
 * @param vocab entries in the vocabulary, {@code <unk>} included
 * @param zipfAlpha {@link #zipfExponent} of the unigram frequencies
 */
public record CorpusStats(int tokens, int vocab, NgramSummary unigrams, NgramSummary bigrams, NgramSummary trigrams,
    double zipfAlpha) {

  /** Computes the statistics of {@code ids}, whose tokens are those of {@code vocab}. */
  public static CorpusStats of(Sequence ids, Vocab vocab, int topK) {
    if (topK < 0) {
      throw new InvalidInputException("top must be >= 0 (got " + topK + "); pass --top K");
    }
    int[] stream = ids.toArray();
    NgramTable uni = NgramTable.of(1, stream);
    return new CorpusStats(stream.length, vocab.size(), summary(uni, vocab, topK),
        summary(NgramTable.of(2, stream), vocab, topK), summary(NgramTable.of(3, stream), vocab, topK),
        zipfExponent(uni.counts()));
  }

  /**
   * The Zipf exponent α of a frequency list: sort the frequencies in descending order, give them
   * ranks 1, 2, …, D (every token that occurs at least once, the rare tail included), and fit
   * {@code log f = c − α · log r} by ordinary least squares; α is minus the slope.
   *
   * @param frequencies positive counts, in any order
   * @return α, or NaN when fewer than two frequencies are given
   */
  public static double zipfExponent(long[] frequencies) {
    long[] f = frequencies.clone();
    Arrays.sort(f);
    int d = f.length;
    if (d < 2) {
      return Double.NaN;
    }
    double sx = 0;
    double sy = 0;
    for (int r = 1; r <= d; r++) {
      if (f[d - r] <= 0) {
        throw new IllegalArgumentException("frequencies must be > 0 (got " + f[d - r] + ")");
      }
      sx += Math.log(r);
      sy += Math.log(f[d - r]);
    }
    double mx = sx / d;
    double my = sy / d;
    double sxy = 0;
    double sxx = 0;
    for (int r = 1; r <= d; r++) {
      double dx = Math.log(r) - mx;
      sxy += dx * (Math.log(f[d - r]) - my);
      sxx += dx * dx;
    }
    return -sxy / sxx;
  }

  private static NgramSummary summary(NgramTable table, Vocab vocab, int k) {
    List<NgramCount> top = new ArrayList<>();
    for (int slot : table.top(k)) {
      top.add(new NgramCount(vocab.tokensOf(table.key(slot)), table.countAt(slot)));
    }
    return new NgramSummary(table.order(), table.size(), top);
  }
}
