package io.recur.backend.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.recur.core.InvalidInputException;
import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import io.recur.core.backend.TrainingSession;
import io.recur.core.cell.CellRegistry;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.ops.Initializers;
import io.recur.core.optim.Optimizer;
import io.recur.core.sequence.Batch;
import io.recur.core.testing.ReferenceModel;
import io.recur.core.util.Rng;
import io.recur.data.partition.SequentialPartitioner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Inference on TensorFlow against the float64 reference, against training's evaluation, and under concurrency. */
class TfInferenceTest {
  private static final int V = 9;
  private static final TfBackend BACKEND = TfTrainingSessionTest.BACKEND;

  private static ParameterSet init(ModelSpec spec, long seed) {
    return new LanguageModel(spec, CellRegistry.withBuiltIns()).initialize(Initializers.Scheme.UNIFORM, seed);
  }

  private static int[][] tokens(Rng rng, int rows, int steps) {
    int[][] t = new int[rows][steps];
    for (int[] row : t) {
      for (int s = 0; s < steps; s++) {
        row[s] = rng.nextInt(V);
      }
    }
    return t;
  }

  @ParameterizedTest
  @CsvSource({"rnn,1,0", "rnn-relu,2,4", "lstm,2,4", "gru,1,0", "io.recur.core.testing.PeepholeLstmCell,1,3"})
  void logits_equal_the_float64_reference(String cell, int layers, int embed) {
    ModelSpec spec = ModelSpec.builder().cell(cell).vocabSize(V).embed(embed).hidden(10).layers(layers).dropout(0.3).build();
    ParameterSet params = init(spec, 17);
    ReferenceModel ref = new ReferenceModel(spec, params);
    Rng rng = new Rng(4);
    try (InferenceModel m = BACKEND.openInference(spec, params); InferenceSession s = m.newSession(3)) {
      for (int steps : new int[] {4, 1, TfInferenceModel.MAX_UNROLL + 3}) {
        int[][] t = tokens(rng, 3, steps);
        double[] expected = ref.forward(t);
        Logits got = s.forward(t);
        assertEquals(steps, got.steps());
        for (int i = 0; i < expected.length; i++) {
          assertEquals(expected[i], got.data()[i], 1e-5, cell + ", " + steps + " steps, element " + i);
        }
      }
    }
  }

  @Test
  void reorder_moves_state_between_rows_and_reset_zeroes_it() {
    ModelSpec spec = ModelSpec.builder().cell("lstm").vocabSize(V).hidden(8).build();
    try (InferenceModel m = BACKEND.openInference(spec, init(spec, 1)); InferenceSession s = m.newSession(3);
        InferenceSession single = m.newSession(1)) {
      int[][] history = {{1, 2}, {3, 4}, {5, 6}};
      Logits first = s.forward(history);
      s.reorder(new int[] {2, 2, 0});
      assertEquals(3, s.batchSize());
      Logits next = s.step(new int[] {7, 8, 7});
      single.forward(new int[][] {history[2]});
      float[] expected = single.step(new int[] {8}).row(0, 0);
      assertArrayEquals(expected, next.row(0, 1), 1e-6f);
      s.reorder(new int[] {1});
      assertEquals(1, s.batchSize());
      assertArrayEquals(single.step(new int[] {3}).row(0, 0), s.step(new int[] {3}).row(0, 0), 1e-6f);
      s.reorder(new int[] {0, 0, 0});
      s.reset();
      assertArrayEquals(first.data(), s.forward(history).data(), 0f);
      assertThrows(InvalidInputException.class, () -> s.reorder(new int[] {3}));
      assertThrows(InvalidInputException.class, () -> s.forward(new int[][] {{1}}));
      assertThrows(InvalidInputException.class, () -> s.forward(new int[][] {{1}, {V}, {2}}));
    }
  }

  @Test
  void scoring_through_an_inference_session_equals_training_evaluation() {
    ModelSpec spec = ModelSpec.builder().cell("gru").vocabSize(V).embed(5).hidden(12).layers(2).build();
    ParameterSet params = init(spec, 8);
    List<Batch> batches = SequentialPartitioner.evaluation().epoch(TestCorpus.walk(400, V, 2), 3, 7, new Rng(0));
    double evaluated = 0;
    try (TrainingSession t = BACKEND.openTraining(spec, params, Optimizer.named("sgd"))) {
      for (Batch b : batches) {
        evaluated += t.evaluate(b).sum();
      }
    }
    double scored = 0;
    try (InferenceModel m = BACKEND.openInference(spec, params); InferenceSession s = m.newSession(3)) {
      for (Batch b : batches) {
        scored += crossEntropy(s.forward(b.inputs()), b.targets());
      }
    }
    assertEquals(evaluated, scored, 1e-5 * evaluated);
  }

  private static double crossEntropy(Logits l, int[][] targets) {
    double sum = 0;
    for (int t = 0; t < l.steps(); t++) {
      for (int b = 0; b < l.batch(); b++) {
        float[] row = l.row(t, b);
        double max = Double.NEGATIVE_INFINITY;
        for (float v : row) {
          max = Math.max(max, v);
        }
        double z = 0;
        for (float v : row) {
          z += Math.exp(v - max);
        }
        sum += max + Math.log(z) - row[targets[b][t]];
      }
    }
    return sum;
  }

  /** The graph parts are built by whichever thread first needs them, while others run. */
  @Test
  void eight_threads_sharing_one_model_get_the_single_thread_results() throws Exception {
    ModelSpec spec = ModelSpec.builder().cell("lstm").vocabSize(V).embed(6).hidden(16).layers(2).build();
    int threads = 8;
    List<int[][][]> inputs = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Rng rng = new Rng(50 + i);
      inputs.add(new int[][][] {tokens(rng, 2, 6), tokens(rng, 1 + i % 3, 3 + i % 4), tokens(rng, 2, 5)});
    }
    List<float[]> alone = new ArrayList<>();
    try (InferenceModel m = BACKEND.openInference(spec, init(spec, 9))) {
      for (int[][][] in : inputs) {
        alone.add(run(m, in));
      }
    }
    try (InferenceModel m = BACKEND.openInference(spec, init(spec, 9))) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<float[]>> together = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
          for (int[][][] in : inputs) {
            together.add(pool.submit(() -> run(m, in)));
          }
        }
        for (int i = 0; i < together.size(); i++) {
          assertArrayEquals(alone.get(i % threads), together.get(i).get(), 0f, "thread task " + i);
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  /** Feeds each call in turn to one session (rows from the first call; a call with other rows is reordered to). */
  private static float[] run(InferenceModel m, int[][][] calls) {
    try (InferenceSession s = m.newSession(calls[0].length)) {
      List<Float> all = new ArrayList<>();
      for (int[][] c : calls) {
        if (c.length != s.batchSize()) {
          s.reorder(new int[c.length]);
        }
        for (float v : s.forward(c).data()) {
          all.add(v);
        }
      }
      float[] out = new float[all.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = all.get(i);
      }
      return out;
    }
  }
}
