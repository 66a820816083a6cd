package io.recur.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.backend.StepLoss;
import io.recur.core.backend.TrainingSession;
import io.recur.core.cell.CellRegistry;
import io.recur.core.config.FusedMode;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.ops.Initializers;
import io.recur.core.optim.Optimizer;
import io.recur.core.optim.OptimizerState;
import io.recur.core.sequence.Batch;
import io.recur.core.testing.ReferenceModel;
import io.recur.core.util.Rng;
import io.recur.data.partition.SequentialPartitioner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Nd4jTrainingSessionTest {
  static final int V = 7;

  static ModelSpec spec(String cell) {
    return ModelSpec.builder().cell(cell).vocabSize(V).hidden(16).build();
  }

  static Nd4jTrainingSession open(ModelSpec spec, long seed, String optimizer) {
    LanguageModel m = new LanguageModel(spec, CellRegistry.withBuiltIns());
    Nd4jRuntime.start(new ThreadPolicy(1));
    return new Nd4jTrainingSession(m, m.initialize(Initializers.Scheme.XAVIER, seed), Optimizer.named(optimizer),
        new Recurrence(FusedMode.AUTO));
  }

  static List<Batch> batches() {
    return SequentialPartitioner.evaluation().epoch(TestCorpus.walk(2000, V, 1), 4, 10, new Rng(0));
  }

  @Test
  void loss_falls_on_a_tiny_corpus() {
    try (Nd4jTrainingSession s = open(spec("lstm"), 0, "sgd")) {
      List<Batch> bs = batches();
      double first = 0;
      double last = 0;
      for (int epoch = 0; epoch < 4; epoch++) {
        double sum = 0;
        for (int i = 0; i < bs.size(); i++) {
          StepLoss l = s.computeGradients(bs.get(i), i);
          s.applyUpdate(1.0, Math.min(1, 1 / s.gradientNorm()));
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
      try (Nd4jTrainingSession s = open(spec, 3, "adam")) {
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
  void state_is_carried_between_batches_and_reset_when_the_batch_says_so() {
    ModelSpec spec = spec("lstm");
    try (Nd4jTrainingSession s = open(spec, 5, "sgd")) {
      ReferenceModel ref = new ReferenceModel(spec, s.parameters());
      List<Batch> bs = batches();
      for (int i = 0; i < 3; i++) {
        Batch b = bs.get(i);
        double expected = ref.loss(b.inputs(), b.targets());
        assertEquals(expected * b.tokens(), s.evaluate(b).sum(), 1e-4 * b.tokens(), "batch " + i);
      }
      Batch again = new Batch(bs.get(1).inputs(), bs.get(1).targets(), true);
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
    try (Nd4jTrainingSession a = open(spec, 5, "sgd"); Nd4jTrainingSession b = open(spec, 5, "sgd")) {
      List<Batch> bs = batches();
      a.computeGradients(bs.get(0), 0);
      double carried = a.computeGradients(bs.get(1), 0).sum();
      double cold = b.computeGradients(new Batch(bs.get(1).inputs(), bs.get(1).targets(), true), 0).sum();
      assertNotEquals(cold, carried, 1e-3);
      double evalCarried = b.evaluate(bs.get(0)).sum();
      assertEquals(evalCarried, b.evaluate(bs.get(0)).sum(), 0.0, "a batch that resets state scores the same twice");
    }
  }

  @Test
  void sgd_update_is_parameter_minus_learning_rate_times_scaled_gradient() {
    try (Nd4jTrainingSession s = open(spec("gru"), 2, "sgd")) {
      ParameterSet before = s.parameters();
      s.computeGradients(batches().get(0), 0);
      ParameterSet g = s.gradients();
      assertEquals(g.norm(), s.gradientNorm(), 1e-6 * g.norm());
      assertTrue(s.gradientNorm() > 0);
      s.applyUpdate(0.5, 0.25);
      ParameterSet after = s.parameters();
      before.forEach((k, p) -> {
        float[] expected = new float[p.size()];
        for (int i = 0; i < expected.length; i++) {
          expected[i] = p.data()[i] - (float) (0.5 * 0.25) * g.get(k).data()[i];
        }
        assertArrayEquals(expected, after.get(k).data(), 0f, k.toString());
      });
      assertEquals(1, s.optimizerState().step());
    }
  }

  @Test
  void adam_keeps_its_slots_and_they_round_trip() {
    try (Nd4jTrainingSession s = open(spec("lstm"), 2, "adam"); Nd4jTrainingSession t = open(spec("lstm"), 2, "adam")) {
      Batch b = batches().get(0);
      s.computeGradients(b, 0);
      s.applyUpdate(0.01, 1);
      OptimizerState st = s.optimizerState();
      assertEquals("adam", st.optimizer());
      assertEquals(Map.of("m", true, "v", true), Map.of("m", st.slots().containsKey("m"), "v", st.slots().containsKey("v")));
      assertTrue(st.slots().get("v").norm() > 0);
      t.setParameters(s.parameters());
      t.setOptimizerState(st);
      s.computeGradients(batches().get(1), 1);
      t.computeGradients(new Batch(batches().get(1).inputs(), batches().get(1).targets(), true), 1);
      s.setParameters(t.parameters());
      s.computeGradients(new Batch(batches().get(1).inputs(), batches().get(1).targets(), true), 1);
      s.applyUpdate(0.01, 1);
      t.applyUpdate(0.01, 1);
      s.parameters().forEach((k, a) -> assertEquals(a, t.parameters().get(k), k.toString()));
      assertThrows(InvalidInputException.class, () -> t.setOptimizerState(OptimizerState.fresh("sgd")));
    }
  }

  @Test
  void parameters_of_another_shape_are_refused_with_the_fix() {
    try (Nd4jTrainingSession s = open(spec("lstm"), 2, "sgd")) {
      LanguageModel wide = new LanguageModel(spec("lstm").toBuilder().hidden(8).build(), CellRegistry.withBuiltIns());
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> s.setParameters(wide.initialize(Initializers.Scheme.XAVIER, 0)));
      assertTrue(e.getMessage().contains("--hidden"), e.getMessage());
    }
  }

  @Test
  void token_ids_outside_the_vocabulary_are_refused() {
    try (Nd4jTrainingSession s = open(spec("rnn"), 2, "sgd")) {
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
