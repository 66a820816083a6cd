package io.recur.data.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.sequence.Sequence;
import io.recur.core.sequence.TextSpec;
import io.recur.data.corpus.TokenizedCorpus;
import org.junit.jupiter.api.Test;

class NgramModelTest {
  // vocabulary [<unk>, a, b, c] (V = 4); training text a b a b c
  private static final Sequence TRAIN = Sequence.of(1, 2, 1, 2, 3);

  @Test
  void bigramProbabilitiesAndPerplexityByHand() {
    // bigrams: ab 2, ba 1, bc 1; contexts followed by a token: a 2, b 2, c 0; α = 1, V = 4
    NgramModel m = NgramModel.train(TRAIN, 2, 1.0, 4);
    int[] text = {1, 2, 3, 1};
    assertEquals((2 + 1) / (2 + 4.0), m.probability(text, 1), 1e-15); // P(b|a) = 1/2
    assertEquals((1 + 1) / (2 + 4.0), m.probability(text, 2), 1e-15); // P(c|b) = 1/3
    assertEquals((0 + 1) / (0 + 4.0), m.probability(text, 3), 1e-15); // P(a|c) = 1/4, context never seen
    // positions 1..3 are scored: exp(-(ln 1/2 + ln 1/3 + ln 1/4)/3) = 24^(1/3)
    assertEquals(Math.cbrt(24), m.perplexity(Sequence.of(text)), 1e-12);
  }

  @Test
  void unigramIsAddAlphaOverTheTrainingLength() {
    NgramModel m = NgramModel.train(TRAIN, 1, 0.5, 4);
    // P(a) = (2 + .5)/(5 + 2), P(<unk>) = .5/7
    assertEquals(2.5 / 7, m.probability(new int[] {1}, 0), 1e-15);
    assertEquals(0.5 / 7, m.probability(new int[] {0}, 0), 1e-15);
  }

  @Test
  void theProbabilitiesOfEveryContextSumToOne() {
    for (int n = 1; n <= 3; n++) {
      NgramModel m = NgramModel.train(TRAIN, n, 0.3, 4);
      for (int ctx = 0; ctx < 16; ctx++) {
        double sum = 0;
        for (int w = 0; w < 4; w++) {
          int[] g = {ctx / 4, ctx % 4, w};
          sum += m.probability(g, 2);
        }
        assertEquals(1.0, sum, 1e-12, "n=" + n + " context " + ctx);
      }
    }
  }

  @Test
  void laplaceKeepsUnseenNgramsFinite() {
    NgramModel m = NgramModel.train(TRAIN, 3, 1.0, 4);
    Sequence unseen = Sequence.of(3, 3, 0, 0, 2, 2);
    double ppl = m.perplexity(unseen);
    assertTrue(Double.isFinite(ppl) && ppl > 1, "ppl " + ppl);
    assertEquals(4.0, ppl, 1e-12, "no context of this text was seen, so every token gets 1/V");
  }

  @Test
  void aModelWithoutCountsIsUniformAndItsPerplexityIsTheVocabularySize() {
    Sequence heldOut = Sequence.of(1, 2, 3, 0, 1, 1, 2);
    assertEquals(4.0, NgramModel.train(Sequence.of(1, 2), 3, 1.0, 4).perplexity(heldOut), 1e-12);
    assertEquals(28.0, NgramModel.train(Sequence.of(), 1, 1.0, 28).perplexity(heldOut), 1e-12);
    assertEquals(28.0, NgramModel.train(Sequence.of(), 3, 1.0, 28).perplexity(heldOut), 1e-12);
  }

  @Test
  void aHugeAlphaDrownsTheCountsIntoTheUniformModel() {
    assertEquals(4.0, NgramModel.train(TRAIN, 2, 1e12, 4).perplexity(Sequence.of(1, 2, 1, 2, 3)), 1e-9);
  }

  @Test
  void longerContextsFitTheTimeMachineBetter() {
    TokenizedCorpus c = TokenizedCorpus.load("timemachine", TextSpec.defaults(), 0);
    Sequence[] parts = c.ids().splitTail(0.1);
    double previousTrain = Double.MAX_VALUE;
    double unigramVal = NgramModel.train(parts[0], 1, 1, c.vocab().size()).perplexity(parts[1]);
    for (int n = 1; n <= 4; n++) {
      NgramModel m = NgramModel.train(parts[0], n, 1, c.vocab().size());
      double train = m.perplexity(parts[0]);
      assertTrue(train < previousTrain, "n=" + n + ": " + train + " after " + previousTrain);
      previousTrain = train;
    }
    double fourGramVal = NgramModel.train(parts[0], 4, 1, c.vocab().size()).perplexity(parts[1]);
    assertTrue(unigramVal < 28 && fourGramVal < unigramVal / 2, unigramVal + " " + fourGramVal);
  }

  @Test
  void aLongContextMemorisesTheTrainingTextAndStaysFiniteOnNewText() {
    TokenizedCorpus c = TokenizedCorpus.load("timemachine", TextSpec.defaults(), 0);
    Sequence[] parts = c.ids().splitTail(0.1);
    NgramModel m = NgramModel.train(parts[0], 40, 0.01, c.vocab().size());
    // a context seen once with one continuation gives P = (1 + α)/(1 + αV) = 1.01/1.28, so ppl ≈ 1.27
    assertTrue(m.perplexity(parts[0]) < 1.3, "40-character contexts are almost all unique");
    // held-out 40-character contexts were never seen: every token gets 1/V
    assertEquals(28.0, m.perplexity(parts[1]), 0.01);
  }

  @Test
  void badInputIsRefusedWithTheFix() {
    assertEquals("n must be >= 1 (got 0); pass --n N",
        assertThrows(InvalidInputException.class, () -> NgramModel.train(TRAIN, 0, 1, 4)).getMessage());
    assertThrows(InvalidInputException.class, () -> NgramModel.train(TRAIN, 2, 0, 4));
    assertThrows(InvalidInputException.class, () -> NgramModel.train(TRAIN, 2, Double.NaN, 4));
    assertThrows(InvalidInputException.class, () -> NgramModel.train(TRAIN, 2, 1, 3));
    NgramModel m = NgramModel.train(TRAIN, 3, 1, 4);
    assertEquals("held-out text has 2 tokens; a 3-gram model scores the tokens after the first 2, so it needs at least 3; "
        + "lower --n or raise --val-fraction", assertThrows(InvalidInputException.class, () -> m.perplexity(Sequence.of(1, 2))).getMessage());
    assertThrows(InvalidInputException.class, () -> m.perplexity(Sequence.of(1, 2, 9)));
  }
}
