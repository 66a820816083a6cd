package io.recur.core.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import io.recur.core.model.ModelSpec;
import io.recur.core.util.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BeamSearchTest {
  private static final ModelSpec LSTM = ReferenceInferenceModel.spec("lstm", 30, 8, 24, 2);
  private static final ReferenceInferenceModel MODEL = ReferenceInferenceModel.random(LSTM, 4, 20f);
  private static final int[] PREFIX = {1, 2, 3};

  /**
   * After token 0, the likeliest token is 1 (0.5), but after 1 everything is equally likely,
   * while 2 (0.45) is followed by 2 with probability 0.9: greedy takes 1 and loses.
   */
  private static final double[][] TRAP = {
      {0.05, 0.5, 0.45},
      {0.34, 0.33, 0.33},
      {0.05, 0.05, 0.9}};

  @Test
  void invalidSettingsAreRefused() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> BeamSearch.of(0));
    assertTrue(e.getMessage().contains("beam width must be > 0 (got 0); pass --beam W"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> BeamSearch.of(2).withLengthPenalty(-1));
    assertTrue(e.getMessage().contains("length penalty must be >= 0"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> BeamSearch.of(2).withLengthPenalty(Double.NaN));
    assertThrows(InvalidInputException.class, () -> BeamSearch.of(2).withEndToken(-1));
  }

  @Test
  void widthOneIsGreedy() {
    Generator g = new Generator(MODEL);
    assertArrayEquals(g.generate(PREFIX, 200, Decoding.greedy(), 0).tokens(), g.generate(PREFIX, 200, BeamSearch.of(1), 0).tokens());
  }

  @Test
  void widthOneIsGreedyWhenLogitsTie() {
    Rng rng = new Rng(8);
    float[][] table = new float[6][6];
    for (float[] row : table) {
      for (int v = 0; v < row.length; v++) {
        row[v] = rng.nextInt(3);
      }
    }
    Generator g = new Generator(BigramModel.of(table));
    for (int start = 0; start < 6; start++) {
      int[] prefix = {start};
      assertArrayEquals(g.generate(prefix, 50, Decoding.greedy(), 0).tokens(), g.generate(prefix, 50, BeamSearch.of(1), 0).tokens());
    }
  }

  @Test
  void beamSearchFindsTheBestSequenceWhereGreedyDoesNot() {
    BigramModel trap = BigramModel.ofProbabilities(TRAP);
    Generator g = new Generator(trap);
    int[] greedy = g.generate(new int[] {0}, 3, Decoding.greedy(), 0).tokens();
    int[] beam = g.generate(new int[] {0}, 3, BeamSearch.of(2), 0).tokens();
    assertArrayEquals(new int[] {1, 0, 1}, greedy);
    assertArrayEquals(new int[] {2, 2, 2}, beam);
    assertArrayEquals(bruteForce(trap, new int[] {0}, 3), beam);
    assertTrue(logProbability(trap, new int[] {0}, beam) > logProbability(trap, new int[] {0}, greedy));
    assertEquals(Math.log(0.45 * 0.9 * 0.9), logProbability(trap, new int[] {0}, beam), 1e-6);
  }

  @Test
  void aWideEnoughBeamIsExhaustive() {
    ModelSpec small = ReferenceInferenceModel.spec("gru", 4, 0, 12, 1);
    ReferenceInferenceModel model = ReferenceInferenceModel.random(small, 9, 15f);
    int[] prefix = {2, 0, 3};
    int[] beam = new Generator(model).generate(prefix, 4, BeamSearch.of(64), 0).tokens();
    assertArrayEquals(bruteForce(model, prefix, 4), beam);
  }

  /** Proves the session followed the hypotheses: a wrong reorder scores tokens under another hypothesis's state. */
  @Test
  void theBeamsScoreIsTheLogProbabilityOfItsSequence() {
    for (float gain : new float[] {3f, 8f, 20f}) {
      ReferenceInferenceModel model = ReferenceInferenceModel.random(LSTM, 4, gain);
      try (InferenceSession session = model.newSession(1)) {
        Logits warm = session.forward(new int[][] {PREFIX});
        BeamSearcher.Result r = BeamSearcher.search(BeamSearch.of(4), session, warm.row(PREFIX.length - 1, 0), 30, 40);
        assertEquals(40, r.steps());
        assertEquals(40, r.best().tokens().length);
        assertEquals(logProbability(model, PREFIX, r.best().tokens()), r.best().logProbability(), 1e-9, "gain " + gain);
      }
    }
  }

  @Test
  void aWiderBeamFindsASequenceAtLeastAsLikely() {
    double greedy = logProbability(MODEL, PREFIX, new Generator(MODEL).generate(PREFIX, 40, Decoding.greedy(), 0).tokens());
    double wide = logProbability(MODEL, PREFIX, new Generator(MODEL).generate(PREFIX, 40, BeamSearch.of(8), 0).tokens());
    assertTrue(wide >= greedy - 1e-9, "beam " + wide + " < greedy " + greedy);
  }

  /**
   * Token 3 ends. After 0: end 0.4, 1 0.35, 2 0.25; after 1: 1 0.9, end 0.1. The one-token
   * hypothesis [3] has the higher total (log 0.4 ≈ −0.92 against log 0.35 + 3·log 0.9 ≈ −1.37 for
   * [1, 1, 1, 1]) but the lower mean (−0.92 against −0.34).
   */
  @Test
  void lengthNormalisationChangesTheWinner() {
    double[][] p = {
        {0.0, 0.35, 0.25, 0.4},
        {0.0, 0.9, 0.0, 0.1},
        {0.0, 0.5, 0.0, 0.5},
        {1.0, 0.0, 0.0, 0.0}};
    Generator g = new Generator(BigramModel.ofProbabilities(p));
    BeamSearch beam = BeamSearch.of(2).withEndToken(3);
    assertArrayEquals(new int[] {3}, g.generate(new int[] {0}, 4, beam.withLengthPenalty(0), 0).tokens());
    assertArrayEquals(new int[] {1, 1, 1, 1}, g.generate(new int[] {0}, 4, beam.withLengthPenalty(1), 0).tokens());
    assertArrayEquals(new int[] {1, 1, 1, 1}, g.generate(new int[] {0}, 4, beam, 0).tokens());
  }

  @Test
  void widthOneStopsWhereGreedyEmitsTheEndToken() {
    double[][] p = {
        {0.0, 0.35, 0.25, 0.4},
        {0.0, 0.9, 0.0, 0.1},
        {0.0, 0.5, 0.0, 0.5},
        {1.0, 0.0, 0.0, 0.0}};
    Generator g = new Generator(BigramModel.ofProbabilities(p));
    Generation out = g.generate(new int[] {0}, 10, BeamSearch.of(1).withEndToken(3), 0);
    assertArrayEquals(new int[] {3}, out.tokens());
    assertEquals(3, g.generate(new int[] {0}, 10, Decoding.greedy(), 0).tokens()[0]);
  }

  @Test
  void normalisedScoreDividesByLengthToThePenalty() {
    assertEquals(-2.0, BeamSearch.of(2).normalized(-8, 4), 1e-15);
    assertEquals(-8.0, BeamSearch.of(2).withLengthPenalty(0).normalized(-8, 4), 1e-15);
    assertEquals(-4.0, BeamSearch.of(2).withLengthPenalty(0.5).normalized(-8, 4), 1e-15);
  }

  /** The most likely continuation of {@code length} tokens, by trying them all. */
  private static int[] bruteForce(InferenceModel model, int[] prefix, int length) {
    int vocab = model.spec().vocabSize();
    int[] best = null;
    double bestLogp = Double.NEGATIVE_INFINITY;
    int[] seq = new int[length];
    for (int code = 0; code < Math.pow(vocab, length); code++) {
      for (int i = 0, c = code; i < length; i++, c /= vocab) {
        seq[length - 1 - i] = c % vocab;
      }
      double logp = logProbability(model, prefix, seq);
      if (logp > bestLogp) {
        bestLogp = logp;
        best = seq.clone();
      }
    }
    assertNotNull(best);
    return best;
  }

  /** log p(continuation | prefix) from the scorer. */
  private static double logProbability(InferenceModel model, int[] prefix, int[] continuation) {
    int[] all = Arrays.copyOf(prefix, prefix.length + continuation.length);
    System.arraycopy(continuation, 0, all, prefix.length, continuation.length);
    double[] logp = new Scorer(1, 16).score(model, all).logProbabilities();
    double sum = 0;
    for (int i = prefix.length - 1; i < logp.length; i++) {
      sum += logp[i];
    }
    return sum;
  }
}
