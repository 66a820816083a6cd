package io.recur.data.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.sequence.Sequence;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;
import io.recur.data.corpus.TokenizedCorpus;
import io.recur.data.vocab.VocabBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusStatsTest {
  @Test
  void countsAndTopNgramsOfATinyStreamByHand() {
    // a b a b c: unigrams a2 b2 c1; bigrams ab2 ba1 bc1; trigrams aba bab abc (one each)
    List<String> tokens = List.of("a", "b", "a", "b", "c");
    Vocab v = VocabBuilder.build(tokens);
    CorpusStats s = CorpusStats.of(Sequence.of(v.indicesOf(tokens)), v, 2);
    assertEquals(5, s.tokens());
    assertEquals(4, s.vocab());
    assertEquals(new NgramSummary(1, 3, List.of(new NgramCount(List.of("a"), 2), new NgramCount(List.of("b"), 2))), s.unigrams());
    assertEquals(new NgramSummary(2, 3, List.of(new NgramCount(List.of("a", "b"), 2), new NgramCount(List.of("b", "a"), 1))),
        s.bigrams());
    assertEquals(new NgramSummary(3, 3, List.of(new NgramCount(List.of("a", "b", "a"), 1), new NgramCount(List.of("b", "a", "b"), 1))),
        s.trigrams());
  }

  @Test
  void zipfExponentOfExactPowerLawsIsTheirExponent() {
    // f(r) = 60/r and 3600/r², in any order: log f is exactly linear in log r
    assertEquals(1.0, CorpusStats.zipfExponent(new long[] {12, 60, 20, 30, 15}), 1e-12);
    assertEquals(2.0, CorpusStats.zipfExponent(new long[] {3600, 900, 400, 225, 144}), 1e-12);
    assertEquals(0.0, CorpusStats.zipfExponent(new long[] {7, 7, 7}), 1e-12);
    assertTrue(Double.isNaN(CorpusStats.zipfExponent(new long[] {5})));
  }

  @Test
  void timeMachineWordsHaveTheTextbooksNgramsAndFollowZipfsLaw() {
    // Zipf's law for English word frequencies: α close to 1
    TokenizedCorpus c = TokenizedCorpus.load("timemachine", new TextSpec("letters", "word"), 0);
    CorpusStats s = CorpusStats.of(c.ids(), c.vocab(), 10);
    assertEquals(32_775, s.tokens());
    assertEquals(4_579, s.unigrams().distinct());
    assertEquals(new NgramCount(List.of("the"), 2261), s.unigrams().top().get(0));
    assertTrue(s.zipfAlpha() > 0.8 && s.zipfAlpha() < 1.3, "alpha " + s.zipfAlpha());
    // d2l §8.3 prints the most frequent bigrams and trigrams of the same words
    assertEquals(List.of(new NgramCount(List.of("of", "the"), 309), new NgramCount(List.of("in", "the"), 169),
        new NgramCount(List.of("i", "had"), 130), new NgramCount(List.of("i", "was"), 112),
        new NgramCount(List.of("and", "the"), 109)), s.bigrams().top().subList(0, 5));
    assertEquals(List.of(new NgramCount(List.of("the", "time", "traveller"), 59),
        new NgramCount(List.of("the", "time", "machine"), 30), new NgramCount(List.of("the", "medical", "man"), 24)),
        s.trigrams().top().subList(0, 3));
    assertTrue(s.bigrams().distinct() > s.unigrams().distinct() && s.trigrams().distinct() > s.bigrams().distinct());
  }

  @Test
  void topCountsAgreeWithTheVocabularysCounts() {
    TokenizedCorpus c = TokenizedCorpus.load("timemachine", TextSpec.defaults(), 0);
    CorpusStats s = CorpusStats.of(c.ids(), c.vocab(), 27);
    assertEquals(27, s.unigrams().distinct());
    for (int i = 0; i < 27; i++) {
      assertEquals(c.vocab().token(i + 1), s.unigrams().top().get(i).tokens().get(0));
      assertEquals(c.vocab().count(i + 1), s.unigrams().top().get(i).count());
    }
    assertTrue(s.bigrams().distinct() <= 27 * 27);
  }

  @Test
  void aNegativeTopIsRefused() {
    Vocab v = VocabBuilder.build(List.of("a"));
    assertThrows(InvalidInputException.class, () -> CorpusStats.of(Sequence.of(1), v, -1));
  }
}
