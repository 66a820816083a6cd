package io.recur.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.ops.Initializers;
import io.recur.core.optim.Optimizer;
import io.recur.core.sequence.Sequence;
import io.recur.core.sequence.TokenStream;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainerTest {
  private static final int V = 6;
  private static final Sequence TRAIN = skewed(3000, 1);
  private static final Sequence VAL = skewed(400, 2);

  private static Sequence skewed(int n, long seed) {
    Rng r = new Rng(seed);
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      ids[i] = u < 0.5 ? 1 : u < 0.8 ? 2 : 1 + r.nextInt(V - 1);
    }
    return Sequence.of(ids);
  }

  private static TrainingConfig config(int epochs, String optimizer, double lr, double clip, double decay, int after) {
    return new TrainingConfig(epochs, 4, 10, "sequential", optimizer, lr, clip, decay, after, Initializers.Scheme.XAVIER, 5);
  }

  private static TrainingData data(WindowPartitioner p) {
    return TrainingData.of(new TokenStream(TRAIN, p, p), Optional.of(new TokenStream(VAL, p, p)));
  }

  @Test
  void trainsAndReportsPerplexityEveryEpoch() {
    UnigramSession s = new UnigramSession(V, Optimizer.named("sgd"));
    TrainingResult r = new Trainer(config(3, "sgd", 1, 0, 1, 0), List.of()).fit(s, data(new WindowPartitioner()));
    assertEquals(3, r.history().size());
    assertTrue(r.last().trainMetric() < r.history().get(0).trainMetric(), "training lowers the perplexity");
    assertTrue(r.last().validationMetric() < V, "better than uniform on held-out text");
    assertTrue(r.last().trainMetric() > 1);
    assertEquals(Math.exp(r.last().trainLoss()), r.last().trainMetric(), 1e-12, "perplexity is exp(mean cross-entropy)");
    assertEquals(r.count(), r.history().stream().mapToLong(EpochReport::count).sum());
  }

  @Test
  void stateIsResetOnlyWhereTheBatchSaysSo() {
    UnigramSession s = new UnigramSession(V, Optimizer.named("sgd"));
    new Trainer(config(2, "sgd", 1, 0, 1, 0), List.of()).fit(s, data(new WindowPartitioner()));
    int perEpoch = s.resets.size() / 2;
    assertTrue(s.resets.get(0) && s.resets.get(perEpoch));
    assertEquals(2, s.resets.stream().filter(b -> b).count());
  }

  @Test
  void clipsToTheGlobalNormAndDecaysTheLearningRate() {
    UnigramSession s = new UnigramSession(V, Optimizer.named("sgd"));
    List<BatchReport> batches = new ArrayList<>();
    TrainingListener spy = new TrainingListener() {
      @Override
      public void onBatchEnd(TrainingRun run, BatchReport b) {
        batches.add(b);
      }
    };
    new Trainer(config(3, "sgd", 2, 0.05, 0.5, 1), List.of(spy)).fit(s, data(new WindowPartitioner()));
    for (int i = 0; i < batches.size(); i++) {
      double norm = batches.get(i).gradientNorm();
      double expectedScale = norm > 0.05 ? 0.05 / norm : 1;
      assertEquals(expectedScale, s.updates.get(i)[1], 1e-12);
      double expectedLr = 2 * Math.pow(0.5, Math.max(0, batches.get(i).epoch() - 1));
      assertEquals(expectedLr, s.updates.get(i)[0], 1e-12);
    }
    assertTrue(s.updates.stream().anyMatch(u -> u[1] < 1), "some minibatch must have been clipped");
  }

  @Test
  void clipZeroMeansNoClipping() {
    UnigramSession s = new UnigramSession(V, Optimizer.named("sgd"));
    new Trainer(config(1, "sgd", 1, 0, 1, 0), List.of()).fit(s, data(new WindowPartitioner()));
    assertTrue(s.updates.stream().allMatch(u -> u[1] == 1.0));
  }

  @Test
  void randomnessDependsOnlyOnSeedEpochAndBatch() {
    WindowPartitioner p1 = new WindowPartitioner();
    WindowPartitioner p2 = new WindowPartitioner();
    UnigramSession a = new UnigramSession(V, Optimizer.named("sgd"));
    UnigramSession b = new UnigramSession(V, Optimizer.named("sgd"));
    new Trainer(config(3, "sgd", 1, 1, 1, 0), List.of()).fit(a, data(p1));
    new Trainer(config(3, "sgd", 1, 1, 1, 0), List.of()).fit(b, data(p2));
    assertEquals(p1.offsets.subList(0, 3), p2.offsets.subList(0, 3));
    assertEquals(a.rngDraws, b.rngDraws);
    assertNotEquals(a.rngDraws.get(0), a.rngDraws.get(1), "each minibatch gets its own dropout stream");
  }

  @Test
  void resumingAfterTwoEpochsReproducesTheUninterruptedRun() {
    for (String opt : List.of("sgd", "adam")) {
      UnigramSession straight = new UnigramSession(V, Optimizer.named(opt));
      TrainingResult full = new Trainer(config(4, opt, 0.5, 1, 0.7, 2), List.of()).fit(straight, data(new WindowPartitioner()));

      UnigramSession first = new UnigramSession(V, Optimizer.named(opt));
      TrainingResult half = new Trainer(config(2, opt, 0.5, 1, 0.7, 2), List.of()).fit(first, data(new WindowPartitioner()));
      UnigramSession resumed = new UnigramSession(V, Optimizer.named(opt));
      resumed.setParameters(first.parameters());
      resumed.setOptimizerState(first.optimizerState());
      TrainingResult rest = new Trainer(config(4, opt, 0.5, 1, 0.7, 2), List.of()).fit(resumed, data(new WindowPartitioner()),
          half.history());

      assertArrayEquals(straight.parameters().get(UnigramSession.THETA).data(),
          resumed.parameters().get(UnigramSession.THETA).data(), opt);
      assertEquals(4, rest.history().size());
      for (int e = 0; e < 4; e++) {
        assertEquals(full.history().get(e).trainLoss(), rest.history().get(e).trainLoss(), 0.0, opt);
        assertEquals(full.history().get(e).validationLoss(), rest.history().get(e).validationLoss(), 0.0, opt);
      }
    }
  }

  @Test
  void divergenceStopsTrainingNamingTheEpochAndTheRemedy() {
    UnigramSession s = new UnigramSession(V, Optimizer.named("sgd"));
    List<Integer> finished = new ArrayList<>();
    TrainingListener l = new TrainingListener() {
      @Override
      public void onEpochEnd(TrainingRun run, EpochReport e) {
        finished.add(e.epoch());
        if (e.epoch() == 2) {
          s.poison = Double.NaN;
        }
      }
    };
    var e = assertThrows(TrainingDivergedException.class,
        () -> new Trainer(config(5, "sgd", 1, 0, 1, 0), List.of(l)).fit(s, data(new WindowPartitioner())));
    assertEquals(3, e.epoch());
    assertEquals(List.of(1, 2), finished, "the diverged epoch is never reported, so it is never checkpointed");
    assertTrue(e.getMessage().contains("epoch 3") && e.getMessage().contains("--clip 1")
        && e.getMessage().contains("--lr"), e.getMessage());
  }

  @Test
  void aFiniteButExplodedLossIsDivergenceToo() {
    UnigramSession s = new UnigramSession(V, Optimizer.named("sgd"));
    s.poison = 1e6; // added to each minibatch's summed loss: a mean of thousands of nats, still finite
    var e = assertThrows(TrainingDivergedException.class,
        () -> new Trainer(config(3, "sgd", 1, 0, 1, 0), List.of()).fit(s, data(new WindowPartitioner())));
    assertEquals(1, e.epoch());
    assertTrue(e.getMessage().contains("epoch 1, minibatch 1"), e.getMessage());
  }

  @Test
  void theDefaultStepIsGradientsThenClippingThenTheUpdateAndSkipsTheUpdateWhenNotFinite() {
    UnigramSession s = new UnigramSession(V, Optimizer.named("sgd"));
    var batch = new WindowPartitioner().epoch(TRAIN, 4, 10, new Rng(0)).get(0);
    var r = s.step(batch, 7, 0.5, 1e-3);
    assertTrue(r.finite());
    assertEquals(s.gradientNorm(), r.gradientNorm(), 0.0);
    assertEquals(List.of(7L), s.rngDraws, "the dropout seed reaches computeGradients");
    assertEquals(0.5, s.updates.get(0)[0]);
    assertEquals(1e-3 / r.gradientNorm(), s.updates.get(0)[1], 1e-12, "clipped to the global norm");
    s.step(batch, 8, 0.5, 0);
    assertEquals(1.0, s.updates.get(1)[1], "clip 0 is off");
    s.poison = Double.NaN;
    var bad = s.step(batch, 9, 0.5, 1);
    assertTrue(!bad.finite());
    assertEquals(2, s.updates.size(), "no update from a non-finite step");
    assertEquals(1.0, io.recur.core.backend.TrainingSession.clipScale(0.5, 1));
    assertEquals(0.25, io.recur.core.backend.TrainingSession.clipScale(4, 1));
  }

  @Test
  void shortHeldOutTextIsScoredInFewerRowsAndTooShortIsAnError() {
    UnigramSession s = new UnigramSession(V, Optimizer.named("sgd"));
    Trainer t = new Trainer(config(1, "sgd", 1, 0, 1, 0), List.of());
    WindowPartitioner p = new WindowPartitioner();
    double loss = t.evaluate(s, new TokenStream(Sequence.of(1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3), p, p));
    assertEquals(Math.log(V), loss, 1e-9, "an untrained unigram model is uniform");
    var e = assertThrows(InvalidInputException.class, () -> t.evaluate(s, new TokenStream(Sequence.of(1), p, p)));
    assertTrue(e.getMessage().contains("--val-fraction"));
  }
}
