package io.recur.core.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.model.ModelSpec;
import io.recur.core.sequence.Batch;
import io.recur.core.testing.ReferenceModel;
import io.recur.core.util.Rng;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScorerTest {
  private static final ModelSpec LSTM = ReferenceInferenceModel.spec("lstm", 12, 6, 16, 2);

  /** The stream 0, 1, …, n − 1 (mod {@code vocab}). */
  private static int[] stream(int n, int vocab) {
    int[] s = new int[n];
    for (int i = 0; i < n; i++) {
      s[i] = i % vocab;
    }
    return s;
  }

  private static int[] randomStream(int n, int vocab, long seed) {
    Rng rng = new Rng(seed);
    int[] s = new int[n];
    for (int i = 0; i < n; i++) {
      s[i] = rng.nextInt(vocab);
    }
    return s;
  }

  @Test
  void theUniformModelsPerplexityIsTheVocabularySize() {
    for (int vocab : new int[] {2, 28}) {
      Score s = new Scorer(3, 5).score(BigramModel.uniform(vocab), randomStream(200, vocab, vocab));
      assertEquals(vocab, s.perplexity(), 1e-9 * vocab);
    }
  }

  @Test
  void aWordLevelVocabularyIsScoredWithinTheLogitBudget() {
    int vocab = 33_278;
    BigramModel uniform = BigramModel.uniform(vocab);
    Score s = new Scorer(32, 35).score(uniform, randomStream(32 * 35 + 1, vocab, 1));
    assertEquals(vocab, s.perplexity(), 1e-9 * vocab);
    assertEquals(32 * 35, s.tokens());
    assertTrue(uniform.largestCall() <= Scorer.DEFAULT_MAX_LOGITS, "a call returned " + uniform.largestCall() + " logits");
  }

  @Test
  void scoringEqualsAHandComputation() {
    double[][] p = {
        {0.5, 0.25, 0.25},
        {0.1, 0.2, 0.7},
        {0.6, 0.3, 0.1}};
    Score s = new Scorer(1, 2).score(BigramModel.ofProbabilities(p), new int[] {0, 1, 2, 1, 0});
    assertArrayEquals(new double[] {Math.log(0.25), Math.log(0.7), Math.log(0.3), Math.log(0.1)}, s.logProbabilities(), 1e-7);
    assertEquals(Math.pow(0.25 * 0.7 * 0.3 * 0.1, -1.0 / 4), s.perplexity(), 1e-6);
    assertEquals(-Math.log(0.25 * 0.7 * 0.3 * 0.1) / 4, s.crossEntropy(), 1e-7);
  }

  @Test
  void windowsFollowTheDocumentedLayout() {
    List<Batch> w = new Scorer(3, 2).windows(stream(11, 20));
    assertEquals(2, w.size());
    assertArrayEquals(new int[][] {{0, 1}, {3, 4}, {6, 7}}, w.get(0).inputs());
    assertArrayEquals(new int[][] {{1, 2}, {4, 5}, {7, 8}}, w.get(0).targets());
    assertTrue(w.get(0).resetState());
    assertArrayEquals(new int[][] {{2}, {5}, {8}}, w.get(1).inputs());
    assertArrayEquals(new int[][] {{3}, {6}, {9}}, w.get(1).targets());
    assertFalse(w.get(1).resetState());
  }

  @Test
  void moreRowsThanTargetsShrinkToOneTargetPerRow() {
    List<Batch> w = new Scorer(10, 4).windows(new int[] {5, 6, 7});
    assertEquals(1, w.size());
    assertArrayEquals(new int[][] {{5}, {6}}, w.get(0).inputs());
    assertArrayEquals(new int[][] {{6}, {7}}, w.get(0).targets());
  }

  @Test
  void logProbabilitiesFollowTheStream() {
    double[][] p = new double[20][20];
    for (int a = 0; a < 20; a++) {
      for (int b = 0; b < 20; b++) {
        p[a][b] = (1 + a + 2 * b) / (20.0 + 20 * a + 380);
      }
    }
    int[] s = randomStream(11, 20, 3);
    Score score = new Scorer(3, 2).score(BigramModel.ofProbabilities(p), s);
    assertEquals(9, score.tokens());
    for (int i = 0; i < 9; i++) {
      assertEquals(Math.log(p[s[i]][s[i + 1]]), score.logProbability(i), 1e-6, "token " + (i + 1));
    }
  }

  @Test
  void equalsTheTrainingPathsCrossEntropyOnTheSameBatches() {
    ReferenceInferenceModel model = ReferenceInferenceModel.random(LSTM, 2, 8f);
    for (int n : new int[] {103, 100}) {
      int[] s = randomStream(n, 12, n);
      Scorer scorer = new Scorer(4, 5);
      ReferenceModel training = new ReferenceModel(LSTM, ReferenceInferenceModel.randomParameters(LSTM, 2, 8f));
      double sum = 0;
      long tokens = 0;
      for (Batch b : scorer.windows(s)) {
        sum += training.loss(b.inputs(), b.targets()) * b.tokens();
        tokens += b.tokens();
      }
      Score score = scorer.score(model, s);
      assertEquals(tokens, score.tokens());
      assertEquals(Math.exp(sum / tokens), score.perplexity(), 1e-6 * score.perplexity());
      assertEquals(score.perplexity(), scorer.score(model, scorer.windows(s)).perplexity(), 1e-12);
    }
  }

  @Test
  void theLogitBudgetChangesNothingButMemory() {
    ReferenceInferenceModel model = ReferenceInferenceModel.random(LSTM, 5, 8f);
    int[] s = randomStream(301, 12, 7);
    Score wide = new Scorer(3, 50).score(model, s);
    Score narrow = new Scorer(3, 50, 3 * 12 * 2).score(model, s);
    Score tiny = new Scorer(3, 50, 1).score(model, s);
    assertArrayEquals(wide.logProbabilities(), narrow.logProbabilities());
    assertArrayEquals(wide.logProbabilities(), tiny.logProbabilities());
    BigramModel bigram = BigramModel.uniform(12);
    new Scorer(3, 50, 3 * 12 * 2).score(bigram, s);
    assertEquals(3 * 12 * 2, bigram.largestCall());
  }

  @Test
  void stateCarriesBetweenWindowsAndRowsStartFresh() {
    ReferenceInferenceModel model = ReferenceInferenceModel.random(LSTM, 6, 8f);
    int[] s = randomStream(41, 12, 8);
    Score windowed = new Scorer(1, 3).score(model, s);
    Score whole = new Scorer(1, 1000).score(model, s);
    assertArrayEquals(whole.logProbabilities(), windowed.logProbabilities());
    Score rows = new Scorer(2, 3).score(model, s);
    int[] secondHalf = Arrays.copyOfRange(s, 20, 41);
    double[] fresh = new Scorer(1, 3).score(model, secondHalf).logProbabilities();
    for (int i = 0; i < 20; i++) {
      assertEquals(fresh[i], rows.logProbability(20 + i), 0.0);
    }
  }

  @Test
  void batchesAreScoredInBatchRowStepOrderAndResetWhereTheySay() {
    double[][] p = {{0.9, 0.1}, {0.3, 0.7}};
    BigramModel model = BigramModel.ofProbabilities(p);
    List<Batch> batches = List.of(
        new Batch(new int[][] {{0, 1}, {1, 1}}, new int[][] {{1, 0}, {1, 1}}, true),
        new Batch(new int[][] {{0}}, new int[][] {{0}}, true));
    Score s = new Scorer(1, 8).score(model, batches);
    double[] expected = {Math.log(0.1), Math.log(0.3), Math.log(0.7), Math.log(0.7), Math.log(0.9)};
    assertArrayEquals(expected, s.logProbabilities(), 1e-7);
  }

  @Test
  void badInputIsRefused() {
    BigramModel model = BigramModel.uniform(5);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> new Scorer(1, 5).score(model, new int[] {3}));
    assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> new Scorer(1, 5).score(model, new int[] {3, 5}));
    assertTrue(e.getMessage().contains("token id 5, outside the model's vocabulary of 5"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> new Scorer(0, 5));
    assertTrue(e.getMessage().contains("rows must be > 0 (got 0)"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> new Scorer(2, -1));
    assertTrue(e.getMessage().contains("steps must be > 0 (got -1)"), e.getMessage());
    List<Batch> ragged = List.of(new Batch(new int[][] {{0}, {1}}, new int[][] {{1}, {2}}, true),
        new Batch(new int[][] {{0}}, new int[][] {{1}}, false));
    e = assertThrows(InvalidInputException.class, () -> new Scorer(1, 5).score(model, ragged));
    assertTrue(e.getMessage().contains("batch 1 has 1 rows but continues a batch of 2"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> new Scorer(1, 5).score(model, List.of()));
  }
}
