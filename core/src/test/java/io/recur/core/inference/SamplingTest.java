package io.recur.core.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.util.Rng;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SamplingTest {
  /**
   * Upper 0.1% points of the chi-square distribution for 1..9 degrees of freedom (standard
   * tables; scipy.stats.chi2.ppf(0.999, df)). A correct sampler exceeds them with probability
   * 0.001; the draws are seeded, so the test is deterministic, and the power check below shows a
   * wrong distribution lands far above them.
   */
  private static final double[] CHI2_999 = {10.828, 13.816, 16.266, 18.467, 20.515, 22.458, 24.322, 26.124, 27.877};

  private static final float[] LOGITS = {1.2f, -0.4f, 0.3f, 2.0f, 0.0f, 0.9f};
  private static final int DRAWS = 60_000;

  @Test
  void invalidSettingsAreRefusedNamingTheFlag() {
    for (double t : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> Sampling.withTemperature(t));
      assertTrue(e.getMessage().contains("temperature must be > 0") && e.getMessage().contains("--temperature"), e.getMessage());
      assertTrue(e.getMessage().contains("(got " + t + ")"), e.getMessage());
    }
    InvalidInputException k = assertThrows(InvalidInputException.class, () -> Sampling.withTemperature(1).withTopK(-2));
    assertTrue(k.getMessage().contains("--top-k") && k.getMessage().contains("-2"), k.getMessage());
    for (double p : new double[] {0, -0.5, 1.5, Double.NaN}) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> Sampling.withTemperature(1).withTopP(p));
      assertTrue(e.getMessage().contains("--top-p"), e.getMessage());
    }
  }

  @Test
  void topKOneIsGreedyEvenWithTies() {
    Rng rows = new Rng(11);
    Sampling topOne = Sampling.withTemperature(1.3).withTopK(1);
    Rng draws = new Rng(12);
    for (int i = 0; i < 2000; i++) {
      float[] logits = new float[7];
      for (int v = 0; v < logits.length; v++) {
        logits[v] = rows.nextInt(4) - 2;
      }
      assertEquals(new Greedy().select(logits, 0, 7, draws), topOne.select(logits, 0, 7, draws), Arrays.toString(logits));
    }
  }

  @Test
  void topKKeepsTheKMostLikelyTokensRenormalised() {
    double[] q = Sampling.withTemperature(1).withTopK(3).distribution(LOGITS, 0, LOGITS.length);
    double[] p = Softmax.probabilities(LOGITS, 0, LOGITS.length, 1);
    double kept = p[3] + p[0] + p[5];
    assertEquals(p[3] / kept, q[3], 1e-15);
    assertEquals(p[0] / kept, q[0], 1e-15);
    assertEquals(p[5] / kept, q[5], 1e-15);
    assertEquals(0.0, q[1]);
    assertEquals(0.0, q[2]);
    assertEquals(0.0, q[4]);
  }

  @Test
  void topPKeepsTheSmallestSetWithEnoughMass() {
    float[] logits = logs(0.1, 0.4, 0.2, 0.3);
    assertArrayEquals(new int[] {1}, kept(0.39, logits));
    assertArrayEquals(new int[] {1, 3}, kept(0.41, logits));
    assertArrayEquals(new int[] {1, 3}, kept(0.69, logits));
    assertArrayEquals(new int[] {1, 2, 3}, kept(0.71, logits));
    assertArrayEquals(new int[] {0, 1, 2, 3}, kept(0.95, logits));
    double[] q = Sampling.withTemperature(1).withTopP(0.69).distribution(logits, 0, 4);
    assertEquals(0.4 / 0.7, q[1], 1e-6);
    assertEquals(0.3 / 0.7, q[3], 1e-6);
  }

  @Test
  void topPSetIsMinimalOnRandomRows() {
    Rng rng = new Rng(3);
    for (int i = 0; i < 520; i++) {
      float[] logits = new float[i < 500 ? 20 : 33_278];
      for (int v = 0; v < logits.length; v++) {
        logits[v] = (float) (2 * rng.nextGaussian());
      }
      double topP = 0.05 + 0.9 * rng.nextDouble();
      double[] p = Softmax.probabilities(logits, 0, logits.length, 1);
      double[] q = Sampling.withTemperature(1).withTopP(topP).distribution(logits, 0, logits.length);
      double mass = 0;
      double smallestKept = 1;
      double largestDropped = 0;
      for (int v = 0; v < p.length; v++) {
        if (q[v] > 0) {
          mass += p[v];
          smallestKept = Math.min(smallestKept, p[v]);
        } else {
          largestDropped = Math.max(largestDropped, p[v]);
        }
      }
      assertTrue(mass >= topP, "kept mass " + mass + " < " + topP);
      assertTrue(mass - smallestKept < topP, "a smaller set would do: " + (mass - smallestKept) + " >= " + topP);
      assertTrue(smallestKept >= largestDropped, "kept a token less likely than a dropped one");
    }
  }

  @Test
  void temperatureTowardsZeroApproachesGreedy() {
    int best = Softmax.argmax(LOGITS, 0, LOGITS.length);
    double previous = 0;
    for (double t : new double[] {4, 1, 0.5, 0.1, 0.02}) {
      double pBest = Sampling.withTemperature(t).distribution(LOGITS, 0, LOGITS.length)[best];
      assertTrue(pBest > previous, "P(argmax) at T=" + t + " is " + pBest + ", not above " + previous);
      previous = pBest;
    }
    assertTrue(previous > 1 - 1e-15, "P(argmax) at T=0.02 is " + previous);
    Rng rowRng = new Rng(5);
    Rng draws = new Rng(6);
    Sampling cold = Sampling.withTemperature(1e-4);
    for (int i = 0; i < 1000; i++) {
      float[] logits = new float[10];
      for (int v = 0; v < logits.length; v++) {
        logits[v] = (float) rowRng.nextGaussian();
      }
      assertEquals(Softmax.argmax(logits, 0, 10), cold.select(logits, 0, 10, draws));
    }
  }

  /**
   * Expected frequencies computed here from the definition, not by {@link Sampling#distribution}.
   * At temperature 1 the probabilities are 0.456, 0.205, 0.152, 0.083, 0.062, 0.041 for tokens 3, 0,
   * 5, 2, 4, 1, so the nucleus of mass 0.8 is {3, 0, 5} (cumulative 0.456, 0.661, 0.813), the
   * same tokens as the top 3.
   */
  @Test
  void frequenciesMatchTheSoftmax() {
    assertFrequencies(Sampling.withTemperature(1), softmax(1, 0, 1, 2, 3, 4, 5));
    assertFrequencies(Sampling.withTemperature(0.7), softmax(0.7, 0, 1, 2, 3, 4, 5));
    assertFrequencies(Sampling.withTemperature(1.5).withTopK(3), softmax(1.5, 3, 0, 5));
    assertFrequencies(Sampling.withTemperature(1).withTopP(0.8), softmax(1, 3, 0, 5));
  }

  private static void assertFrequencies(Sampling s, double[] expected) {
    long[] counts = draw(s, 42);
    double chi = chiSquare(counts, expected);
    assertTrue(chi < CHI2_999[support(expected) - 2], s + ": chi-square " + chi + " counts " + Arrays.toString(counts));
  }

  /** {@code softmax(LOGITS / t)} renormalised over {@code kept}, zero elsewhere. */
  private static double[] softmax(double t, int... kept) {
    double[] p = new double[LOGITS.length];
    double z = 0;
    for (int v : kept) {
      p[v] = Math.exp(LOGITS[v] / t);
      z += p[v];
    }
    for (int v : kept) {
      p[v] /= z;
    }
    return p;
  }

  @Test
  void theFrequencyTestRejectsAWrongDistribution() {
    long[] cold = draw(Sampling.withTemperature(0.7), 42);
    assertTrue(chiSquare(cold, softmax(1, 0, 1, 2, 3, 4, 5)) > 10 * CHI2_999[LOGITS.length - 2]);
  }

  @Test
  void theSameSeedDrawsTheSameTokens() {
    assertArrayEquals(draw(Sampling.withTemperature(0.9), 7), draw(Sampling.withTemperature(0.9), 7));
  }

  private static long[] draw(Sampling s, long seed) {
    Rng rng = new Rng(seed);
    long[] counts = new long[LOGITS.length];
    for (int i = 0; i < DRAWS; i++) {
      counts[s.select(LOGITS, 0, LOGITS.length, rng)]++;
    }
    return counts;
  }

  /** Pearson's statistic over the tokens of non-zero probability; a token of zero probability drawn fails outright. */
  private static double chiSquare(long[] counts, double[] p) {
    double chi = 0;
    for (int v = 0; v < counts.length; v++) {
      if (p[v] == 0) {
        assertEquals(0, counts[v], "drew token " + v + " of probability 0");
        continue;
      }
      double e = DRAWS * p[v];
      chi += (counts[v] - e) * (counts[v] - e) / e;
    }
    return chi;
  }

  private static int support(double[] p) {
    return (int) Arrays.stream(p).filter(x -> x > 0).count();
  }

  private static int[] kept(double topP, float[] logits) {
    double[] q = Sampling.withTemperature(1).withTopP(topP).distribution(logits, 0, logits.length);
    return IntStream.range(0, q.length).filter(v -> q[v] > 0).toArray();
  }

  private static float[] logs(double... p) {
    float[] l = new float[p.length];
    for (int i = 0; i < p.length; i++) {
      l[i] = (float) Math.log(p[i]);
    }
    return l;
  }
}
