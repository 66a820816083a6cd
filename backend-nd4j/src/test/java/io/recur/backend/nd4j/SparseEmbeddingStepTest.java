package io.recur.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.cell.CellRegistry;
import io.recur.core.config.FusedMode;
import io.recur.core.model.FloatArray;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.ops.Initializers;
import io.recur.core.optim.Optimizer;
import io.recur.core.sequence.Batch;
import io.recur.core.util.Rng;
import io.recur.data.partition.SequentialPartitioner;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A training step with row-sparse embedding gradients equals core's dense reference: after each
 * of several minibatches (each touching other rows) the session's parameters equal
 * {@code Optimizer.update} applied in Java to every element of the previous parameters with the
 * session's dense gradients, and the gradient norm is the norm of those dense gradients.
 */
class SparseEmbeddingStepTest {
  private static final int V = 40;

  @ParameterizedTest
  @ValueSource(strings = {"sgd", "adam"})
  void theStepEqualsTheDenseReference(String optimizerName) {
    ModelSpec spec = ModelSpec.builder().cell("lstm").vocabSize(V).embed(6).hidden(8).build();
    LanguageModel model = new LanguageModel(spec, CellRegistry.withBuiltIns());
    Optimizer optimizer = Optimizer.named(optimizerName);
    Nd4jRuntime.start(new ThreadPolicy(1));
    List<Batch> batches = SequentialPartitioner.evaluation().epoch(TestCorpus.walk(400, V, 4), 2, 5, new Rng(0));
    ParameterSet start = model.initialize(Initializers.Scheme.XAVIER, 5);
    try (Nd4jTrainingSession s = new Nd4jTrainingSession(model, start, optimizer, new Recurrence(FusedMode.AUTO))) {
      ParameterSet params = start;
      Map<ParamKey, FloatBuffer[]> referenceSlots = new HashMap<>();
      for (ParamKey k : start.keys()) {
        FloatBuffer[] zeros = new FloatBuffer[optimizer.slots().size()];
        for (int i = 0; i < zeros.length; i++) {
          zeros[i] = FloatBuffer.wrap(new float[start.get(k).data().length]);
        }
        referenceSlots.put(k, zeros);
      }
      for (int step = 1; step <= 4; step++) {
        s.computeGradients(batches.get(step), step);
        ParameterSet grads = s.gradients();
        double norm = 0;
        for (ParamKey k : grads.keys()) {
          for (float v : grads.get(k).data()) {
            norm += (double) v * v;
          }
        }
        assertEquals(Math.sqrt(norm), s.gradientNorm(), 1e-7 * Math.sqrt(norm), "gradient norm (summed in double from float products)");
        float[] embeddingRows = grads.get(LanguageModel.EMBEDDING).data();
        int touched = 0;
        for (int r = 0; r < V; r++) {
          for (int c = 0; c < 6; c++) {
            if (embeddingRows[r * 6 + c] != 0) {
              touched++;
              break;
            }
          }
        }
        assertTrue(touched > 0 && touched < V, "a minibatch of 10 tokens touches some rows, not all: " + touched);
        s.applyUpdate(0.5, 0.8);
        for (ParamKey k : params.keys()) {
          FloatArray p = params.get(k);
          FloatBuffer expected = FloatBuffer.wrap(p.data().clone());
          optimizer.update(expected, FloatBuffer.wrap(grads.get(k).data()), referenceSlots.get(k), step, 0.5, 0.8);
          assertArrayEquals(expected.array(), s.parameters().get(k).data(), k + " after step " + step);
        }
        params = s.parameters();
      }
    }
  }
}
