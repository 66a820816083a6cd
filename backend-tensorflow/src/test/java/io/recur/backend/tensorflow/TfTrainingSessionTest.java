package io.recur.backend.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.backend.StepLoss;
import io.recur.core.backend.StepResult;
import io.recur.core.backend.TrainingSession;
import io.recur.core.cell.CellRegistry;
import io.recur.core.config.RecurConfig;
import io.recur.core.model.FloatArray;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.ops.Initializers;
import io.recur.core.optim.Optimizer;
import io.recur.core.optim.OptimizerState;
import io.recur.core.sequence.Batch;
import io.recur.core.testing.ReferenceModel;
import io.recur.core.util.Rng;
import io.recur.data.partition.SequentialPartitioner;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Training sessions on TensorFlow: learning, carried state, the update against core's Java reference, the one-run step, round trips. */
class TfTrainingSessionTest {
  static final int V = 7;
  static final TfBackend BACKEND = new TfBackend(RecurConfig.defaults().withThreads(1), CellRegistry.withBuiltIns());

  static ModelSpec spec(String cell) {
    return ModelSpec.builder().cell(cell).vocabSize(V).hidden(16).build();
  }

  static TfTrainingSession open(ModelSpec spec, long seed, String optimizer) {
    LanguageModel m = new LanguageModel(spec, CellRegistry.withBuiltIns());
    return (TfTrainingSession) BACKEND.openTraining(spec, m.initialize(Initializers.Scheme.XAVIER, seed), Optimizer.named(optimizer));
  }

  static List<Batch> batches() {
    return SequentialPartitioner.evaluation().epoch(TestCorpus.walk(2000, V, 1), 4, 10, new Rng(0));
  }

  private static Batch reset(Batch b) {
    return new Batch(b.inputs(), b.targets(), true);
  }

  @Test
  void loss_falls_on_a_tiny_corpus() {
    try (TfTrainingSession s = open(spec("lstm"), 0, "sgd")) {
      List<Batch> bs = batches();
      double first = 0;
      double last = 0;
      for (int epoch = 0; epoch < 4; epoch++) {
        double sum = 0;
        for (int i = 0; i < bs.size(); i++) {
          StepLoss l = s.step(bs.get(i), i, 1.0, 1.0).loss();
          sum += l.mean();
          if (epoch == 0 && i == 0) {
            first = l.mean();
          }
        }
        last = sum / bs.size();
      }
      assertTrue(first > 1.7, "starts near ln 7 = 1.95, was " + first);
      assertTrue(last < 0.6 * first, "loss should fall well below the start: " + first + " → " + last);
    }
  }

  @Test
  void same_seed_gives_identical_losses_and_parameters() {
    ModelSpec spec = ModelSpec.builder().cell("gru").vocabSize(V).embed(5).hidden(12).layers(2).dropout(0.25).build();
    double[][] losses = new double[2][];
    ParameterSet[] finals = new ParameterSet[2];
    for (int run = 0; run < 2; run++) {
      try (TfTrainingSession s = open(spec, 3, "adam")) {
        List<Batch> bs = batches();
        losses[run] = new double[bs.size()];
        for (int i = 0; i < bs.size(); i++) {
          losses[run][i] = s.computeGradients(bs.get(i), 100 + i).sum();
          s.applyUpdate(0.01, 1);
        }
        finals[run] = s.parameters();
      }
    }
    assertArrayEquals(losses[0], losses[1], 0.0);
    finals[0].forEach((k, a) -> assertEquals(a, finals[1].get(k), k.toString()));
  }

  @Test
  void dropout_masks_come_from_the_seed() {
    ModelSpec spec = ModelSpec.builder().cell("rnn").vocabSize(V).embed(5).hidden(12).dropout(0.5).build();
    try (TfTrainingSession s = open(spec, 3, "sgd")) {
      Batch b = reset(batches().get(0));
      double a = s.step(b, 1, 0, 0).loss().sum();
      assertEquals(a, s.step(b, 1, 0, 0).loss().sum(), 0.0, "same seed, same masks");
      assertNotEquals(a, s.step(b, 2, 0, 0).loss().sum(), "another seed, other masks");
    }
  }

  @Test
  void state_is_carried_between_batches_and_reset_when_the_batch_says_so() {
    ModelSpec spec = spec("lstm");
    try (TfTrainingSession s = open(spec, 5, "sgd")) {
      ReferenceModel ref = new ReferenceModel(spec, s.parameters());
      List<Batch> bs = batches();
      for (int i = 0; i < 3; i++) {
        Batch b = bs.get(i);
        double expected = ref.loss(b.inputs(), b.targets());
        assertEquals(expected * b.tokens(), s.evaluate(b).sum(), 1e-4 * b.tokens(), "batch " + i);
      }
      Batch again = reset(bs.get(1));
      ref.reset();
      double fresh = ref.loss(again.inputs(), again.targets());
      double carried = s.evaluate(new Batch(again.inputs(), again.targets(), false)).mean();
      double reset = s.evaluate(again).mean();
      assertEquals(fresh, reset, 1e-5);
      assertNotEquals(fresh, carried, 1e-4);
    }
  }

  @Test
  void training_state_is_carried_too_and_detached() {
    ModelSpec spec = spec("rnn");
    try (TfTrainingSession a = open(spec, 5, "sgd"); TfTrainingSession b = open(spec, 5, "sgd")) {
      List<Batch> bs = batches();
      a.computeGradients(bs.get(0), 0);
      double carried = a.computeGradients(bs.get(1), 0).sum();
      double cold = b.computeGradients(reset(bs.get(1)), 0).sum();
      assertNotEquals(cold, carried, 1e-3);
      ReferenceModel ref = new ReferenceModel(spec, a.parameters());
      ref.loss(bs.get(0).inputs(), bs.get(0).targets());
      assertEquals(ref.loss(bs.get(1).inputs(), bs.get(1).targets()) * bs.get(1).tokens(), carried, 1e-4 * bs.get(1).tokens(),
          "the carried state is the previous batch's final state");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sgd", "adam"})
  void the_update_in_the_graph_is_core_s_java_reference(String name) {
    Optimizer optimizer = Optimizer.named(name);
    try (TfTrainingSession s = open(spec("gru"), 2, name)) {
      for (int n = 1; n <= 3; n++) {
        int i = n - 1;
        long step = n;
        ParameterSet before = s.parameters();
        OptimizerState slots = s.optimizerState();
        s.computeGradients(batches().get(i), i);
        ParameterSet g = s.gradients();
        assertEquals(g.norm(), s.gradientNorm(), 1e-6 * g.norm());
        s.applyUpdate(0.05, 0.25);
        ParameterSet after = s.parameters();
        OptimizerState next = s.optimizerState();
        assertEquals(step, next.step());
        before.forEach((k, p) -> {
          float[] expected = p.data().clone();
          FloatBuffer[] slotBuffers = optimizer.slots().stream()
              .map(slot -> FloatBuffer.wrap(slots.slots().get(slot).get(k).data().clone())).toArray(FloatBuffer[]::new);
          optimizer.update(FloatBuffer.wrap(expected), FloatBuffer.wrap(g.get(k).data()), slotBuffers, step, 0.05, 0.25);
          assertArrayEquals(expected, after.get(k).data(), 0f, k + " after step " + step);
          for (int j = 0; j < slotBuffers.length; j++) {
            assertArrayEquals(slotBuffers[j].array(), next.slots().get(optimizer.slots().get(j)).get(k).data(), 0f,
                optimizer.slots().get(j) + " of " + k);
          }
        });
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sgd", "adam"})
  void one_run_step_equals_gradients_clip_and_update(String optimizer) {
    ModelSpec spec = ModelSpec.builder().cell("lstm").vocabSize(V).embed(4).hidden(12).layers(2).dropout(0.2).build();
    try (TfTrainingSession whole = open(spec, 4, optimizer); TfTrainingSession parts = open(spec, 4, optimizer)) {
      List<Batch> bs = batches();
      for (int n = 0; n < 4; n++) {
        int i = n;
        double clip = i % 2 == 0 ? 0.5 : 0;
        StepResult a = whole.step(bs.get(i), 40 + i, 0.1, clip);
        StepLoss b = parts.computeGradients(bs.get(i), 40 + i);
        double norm = parts.gradientNorm();
        parts.applyUpdate(0.1, TrainingSession.clipScale(norm, clip));
        assertEquals(b.sum(), a.loss().sum(), 0.0, "loss of step " + i);
        assertEquals(norm, a.gradientNorm(), 0.0, "gradient norm of step " + i);
        ParameterSet p = parts.parameters();
        whole.parameters().forEach((k, v) -> assertArrayEquals(p.get(k).data(), v.data(), 0f, k + " after step " + i));
      }
      assertEquals(4, whole.optimizerState().step());
    }
  }

  @Test
  void a_step_with_a_non_finite_loss_changes_nothing() {
    try (TfTrainingSession s = open(spec("gru"), 6, "adam")) {
      s.step(batches().get(0), 1, 0.01, 1);
      ParameterSet good = s.parameters();
      Map<ParamKey, FloatArray> poisoned = new LinkedHashMap<>(good.asMap());
      float[] bias = good.get(LanguageModel.OUTPUT_BIAS).data().clone();
      bias[2] = Float.NaN;
      poisoned.put(LanguageModel.OUTPUT_BIAS, new FloatArray(new int[] {V}, bias));
      s.setParameters(new ParameterSet(poisoned));
      OptimizerState before = s.optimizerState();
      StepResult r = s.step(batches().get(1), 2, 0.01, 1);
      assertTrue(Double.isNaN(r.loss().sum()) && !r.finite());
      assertEquals(1, s.optimizerState().step());
      s.parameters().forEach((k, v) -> assertArrayEquals(poisoned.get(k).data(), v.data(), 0f, k.toString()));
      s.optimizerState().slots().forEach((slot, v) -> v.forEach((k, a) ->
          assertArrayEquals(before.slots().get(slot).get(k).data(), a.data(), 0f, slot + " of " + k)));
    }
  }

  @Test
  void adam_keeps_its_slots_and_they_round_trip() {
    try (TfTrainingSession s = open(spec("lstm"), 2, "adam"); TfTrainingSession t = open(spec("lstm"), 2, "adam")) {
      Batch b = batches().get(0);
      s.computeGradients(b, 0);
      s.applyUpdate(0.01, 1);
      OptimizerState st = s.optimizerState();
      assertEquals("adam", st.optimizer());
      assertEquals(Set.of("m", "v"), st.slots().keySet());
      assertTrue(st.slots().get("v").norm() > 0);
      t.setParameters(s.parameters());
      t.setOptimizerState(st);
      Batch next = reset(batches().get(1));
      s.computeGradients(next, 1);
      t.computeGradients(next, 1);
      s.applyUpdate(0.01, 1);
      t.applyUpdate(0.01, 1);
      s.parameters().forEach((k, a) -> assertEquals(a, t.parameters().get(k), k.toString()));
      assertThrows(InvalidInputException.class, () -> t.setOptimizerState(OptimizerState.fresh("sgd")));
    }
  }

  @Test
  void parameters_of_another_shape_are_refused_with_the_fix() {
    try (TfTrainingSession s = open(spec("lstm"), 2, "sgd")) {
      LanguageModel wide = new LanguageModel(spec("lstm").toBuilder().hidden(8).build(), CellRegistry.withBuiltIns());
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> s.setParameters(wide.initialize(Initializers.Scheme.XAVIER, 0)));
      assertTrue(e.getMessage().contains("--hidden"), e.getMessage());
    }
  }

  @Test
  void token_ids_outside_the_vocabulary_are_refused() {
    try (TfTrainingSession s = open(spec("rnn"), 2, "sgd")) {
      Batch bad = new Batch(new int[][] {{1, 9}}, new int[][] {{9, 1}}, true);
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> s.computeGradients(bad, 0));
      assertTrue(e.getMessage().contains("token id 9"), e.getMessage());
    }
  }

  @Test
  void a_closed_session_refuses_work() {
    TrainingSession s = open(spec("rnn"), 2, "sgd");
    s.close();
    assertThrows(IllegalStateException.class, s::parameters);
    s.close();
  }
}
