package io.recur.core.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.model.ModelSpec;
import io.recur.core.testing.ReferenceModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class GeneratorTest {
  private static final ModelSpec LSTM = ReferenceInferenceModel.spec("lstm", 30, 0, 24, 2);
  private static final ReferenceInferenceModel MODEL = ReferenceInferenceModel.random(LSTM, 1, 30f);
  private static final int[] PREFIX = {3, 14, 15, 9, 26, 5};

  @Test
  void greedyFollowsTheMostLikelyChain() {
    float[][] table = new float[5][5];
    for (int a = 0; a < 5; a++) {
      table[a][(a + 1) % 5] = 1f;
    }
    Generation g = new Generator(BigramModel.of(table)).generate(new int[] {4, 2}, 7, Decoding.greedy(), 0);
    assertArrayEquals(new int[] {3, 4, 0, 1, 2, 3, 4}, g.tokens());
  }

  @Test
  void greedyEqualsArgmaxOfTheTrainingPathModelStepByStep() {
    ReferenceModel reference = new ReferenceModel(LSTM, ReferenceInferenceModel.randomParameters(LSTM, 1, 30f));
    double[] logits = reference.forward(new int[][] {PREFIX});
    int[] expected = new int[60];
    for (int i = 0; i < expected.length; i++) {
      int v = LSTM.vocabSize();
      expected[i] = argmax(Arrays.copyOfRange(logits, logits.length - v, logits.length));
      logits = reference.forward(new int[][] {{expected[i]}});
    }
    assertArrayEquals(expected, new Generator(MODEL).generate(PREFIX, 60, Decoding.greedy(), 0).tokens());
  }

  @Test
  void greedyGenerationIsNotTrivial() {
    int[] tokens = new Generator(MODEL).generate(PREFIX, 200, Decoding.greedy(), 0).tokens();
    assertTrue(Arrays.stream(tokens).distinct().count() > 3, Arrays.toString(tokens));
  }

  @Test
  void topKOneGeneratesWhatGreedyGenerates() {
    Generator g = new Generator(MODEL);
    assertArrayEquals(g.generate(PREFIX, 200, Decoding.greedy(), 0).tokens(),
        g.generate(PREFIX, 200, Sampling.withTemperature(1.0).withTopK(1), 99).tokens());
  }

  @Test
  void coldSamplingGeneratesWhatGreedyGenerates() {
    Generator g = new Generator(MODEL);
    int[] greedy = g.generate(PREFIX, 200, Decoding.greedy(), 0).tokens();
    assertArrayEquals(greedy, g.generate(PREFIX, 200, Sampling.withTemperature(1e-4), 5).tokens());
    assertFalse(Arrays.equals(greedy, g.generate(PREFIX, 200, Sampling.withTemperature(1.0), 5).tokens()),
        "sampling at temperature 1 should leave the greedy path somewhere in 200 tokens");
  }

  @Test
  void theSameSeedGivesTheSameTokens() {
    Sampling s = Sampling.withTemperature(0.8).withTopP(0.95);
    int[] a = new Generator(MODEL).generate(PREFIX, 200, s, 7).tokens();
    int[] b = new Generator(MODEL).generate(PREFIX, 200, s, 7).tokens();
    int[] c = new Generator(MODEL).generate(PREFIX, 200, s, 8).tokens();
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
  }

  @Test
  void timingStartsAfterThePrefix() {
    BigramModel model = BigramModel.uniform(4);
    Generator g = new Generator(model, () -> model.tokensFed() * 1_000_000L);
    Generation out = g.generate(new int[] {0, 1, 2, 3, 0, 1, 2}, 10, Decoding.greedy(), 0);
    assertEquals(7.0, out.prefixMs());
    assertEquals(0.9, out.msPerToken(), 1e-12);
  }

  @Test
  void aLongPrefixIsFedWhollyInWindowsWithinTheLogitBudget() {
    int vocab = 4096;
    float[][] table = new float[vocab][vocab];
    for (int a = 0; a < vocab; a++) {
      table[a][(a * 7 + 1) % vocab] = 1f;
    }
    BigramModel model = BigramModel.of(table);
    int[] prefix = new int[3000];
    for (int i = 0; i < prefix.length; i++) {
      prefix[i] = (i * 31) % vocab;
    }
    int[] out = new Generator(model).generate(prefix, 2, Decoding.greedy(), 0).tokens();
    int last = prefix[prefix.length - 1];
    assertEquals((last * 7 + 1) % vocab, out[0]);
    assertEquals(prefix.length + 1, model.tokensFed());
    assertTrue(model.largestCall() <= Scorer.DEFAULT_MAX_LOGITS, "a call returned " + model.largestCall() + " logits");
  }

  @Test
  void anEmptyPrefixIsRefused() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new Generator(MODEL).generate(new int[0], 10, Decoding.greedy(), 0));
    assertTrue(e.getMessage().contains("prefix is empty") && e.getMessage().contains("at least one token"), e.getMessage());
  }

  @Test
  void badPrefixIdsAndLengthsAreRefused() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new Generator(MODEL).generate(new int[] {1, 30}, 10, Decoding.greedy(), 0));
    assertTrue(e.getMessage().contains("id 30, outside the model's vocabulary of 30"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> new Generator(MODEL).generate(PREFIX, 0, Decoding.greedy(), 0));
    assertTrue(e.getMessage().contains("length must be in [1, 16777216] (got 0); pass --length N"), e.getMessage());
  }

  @Test
  void eightThreadsOnOneModelProduceWhatEachProducesAlone() throws Exception {
    Generator shared = new Generator(MODEL);
    List<Decoding> decodings = List.of(Decoding.greedy(), Sampling.withTemperature(0.8), Sampling.withTemperature(1.2).withTopK(5),
        Sampling.withTemperature(1).withTopP(0.9), BeamSearch.of(3), Sampling.withTemperature(0.8), Decoding.greedy(), BeamSearch.of(2));
    int threads = decodings.size();
    int[][] alone = new int[threads][];
    for (int i = 0; i < threads; i++) {
      alone[i] = shared.generate(prefix(i), 200, decodings.get(i), 100 + i).tokens();
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<int[]>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int id = i;
        futures.add(pool.submit(() -> {
          start.await();
          return shared.generate(prefix(id), 200, decodings.get(id), 100 + id).tokens();
        }));
      }
      start.countDown();
      for (int i = 0; i < threads; i++) {
        assertArrayEquals(alone[i], futures.get(i).get(), "thread " + i + " (" + decodings.get(i) + ")");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static int[] prefix(int i) {
    return new int[] {i, (i * 7) % 30, 29 - i};
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
