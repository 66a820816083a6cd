package io.recur.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.recur.core.InvalidInputException;
import io.recur.core.backend.Backend;
import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import io.recur.core.backend.StepLoss;
import io.recur.core.backend.TrainingSession;
import io.recur.core.cell.CellRegistry;
import io.recur.core.config.RecurConfig;
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

/** Inference on ND4J against the float64 reference, against training's evaluation, and under concurrency. */
class Nd4jInferenceTest {
  private static final int V = 9;
  private final Backend backend = new Nd4jBackend(RecurConfig.defaults().withThreads(1), CellRegistry.withBuiltIns());

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
  @CsvSource({"rnn,1,0", "rnn-relu,1,0", "lstm,1,0", "gru,1,0", "rnn,2,4", "rnn-relu,2,4", "lstm,2,4", "gru,2,4", "lstm,1,5", "gru,2,0"})
  void logits_equal_the_float64_reference(String cell, int layers, int embed) {
    ModelSpec spec = ModelSpec.builder().cell(cell).vocabSize(V).embed(embed).hidden(10).layers(layers).dropout(0.3).build();
    ParameterSet params = init(spec, 17);
    ReferenceModel ref = new ReferenceModel(spec, params);
    Rng rng = new Rng(4);
    try (InferenceModel m = backend.openInference(spec, params); InferenceSession s = m.newSession(3)) {
      for (int call = 0; call < 3; call++) {
        int[][] t = tokens(rng, 3, 4 - call);
        double[] expected = ref.forward(t);
        Logits got = s.forward(t);
        assertEquals(t[0].length, got.steps());
        for (int i = 0; i < expected.length; i++) {
          assertEquals(expected[i], got.data()[i], 1e-5, cell + " call " + call + " element " + i);
        }
      }
    }
  }

  @Test
  void reorder_moves_state_between_rows_and_reset_zeroes_it() {
    ModelSpec spec = ModelSpec.builder().cell("lstm").vocabSize(V).hidden(8).build();
    try (InferenceModel m = backend.openInference(spec, init(spec, 1)); InferenceSession s = m.newSession(3);
        InferenceSession single = m.newSession(1)) {
      int[][] history = {{1, 2}, {3, 4}, {5, 6}};
      Logits first = s.forward(history);
      s.reorder(new int[] {2, 2, 0});
      assertEquals(3, s.batchSize());
      Logits next = s.step(new int[] {7, 8, 7});
      single.forward(new int[][] {history[2]});
      float[] expected = single.step(new int[] {8}).row(0, 0);
      // One row runs as a GEMV in the fused kernel, three as a GEMM: equal up to float rounding.
      assertArrayEquals(expected, next.row(0, 1), 1e-6f);
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
    try (TrainingSession t = backend.openTraining(spec, params, Optimizer.named("sgd"))) {
      for (Batch b : batches) {
        evaluated += t.evaluate(b).sum();
      }
    }
    double scored = 0;
    try (InferenceModel m = backend.openInference(spec, params); InferenceSession s = m.newSession(3)) {
      for (Batch b : batches) {
        scored += crossEntropy(s.forward(b.inputs()), b.targets()).sum();
      }
    }
    assertEquals(evaluated, scored, 1e-5 * evaluated);
  }

  private static StepLoss crossEntropy(Logits l, int[][] targets) {
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
    return new StepLoss(sum, (long) l.steps() * l.batch());
  }

  @Test
  void eight_threads_sharing_one_model_get_the_single_thread_results() throws Exception {
    ModelSpec spec = ModelSpec.builder().cell("lstm").vocabSize(V).embed(6).hidden(16).layers(2).build();
    int threads = 8;
    List<int[][][]> inputs = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Rng rng = new Rng(50 + i);
      inputs.add(new int[][][] {tokens(rng, 2, 6), tokens(rng, 2, 3), tokens(rng, 2, 5)});
    }
    try (InferenceModel m = backend.openInference(spec, init(spec, 9))) {
      List<float[]> alone = new ArrayList<>();
      for (int[][][] in : inputs) {
        alone.add(run(m, in));
      }
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

  private static float[] run(InferenceModel m, int[][][] calls) {
    try (InferenceSession s = m.newSession(calls[0].length)) {
      List<Float> all = new ArrayList<>();
      for (int[][] c : calls) {
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
