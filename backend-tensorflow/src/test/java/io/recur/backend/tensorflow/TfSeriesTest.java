package io.recur.backend.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import io.recur.core.backend.TrainingSession;
import io.recur.core.cell.CellRegistry;
import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.model.SequenceModel;
import io.recur.core.ops.Initializers;
import io.recur.core.optim.Optimizer;
import io.recur.core.sequence.SeriesBatch;
import io.recur.core.sequence.SeriesStream;
import io.recur.core.tensor.Tensor;
import io.recur.core.check.ReferenceOps;
import io.recur.core.util.Rng;
import io.recur.data.partition.SequentialPartitioner;
import io.recur.data.series.SineSeries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Series models on TensorFlow: training brings the squared error near the noise's variance; predictions equal the float64 reference and training's evaluation. */
class TfSeriesTest {
  private static final int TAU = 4;
  private static final TfBackend BACKEND = TfTrainingSessionTest.BACKEND;

  private static SeriesStream sine(int length) {
    double[] x = SineSeries.generate(length, new Rng(3));
    float[][] values = new float[length][1];
    for (int i = 0; i < length; i++) {
      values[i][0] = (float) x[i];
    }
    return new SeriesStream(values, TAU, SequentialPartitioner.training(), SequentialPartitioner.evaluation());
  }

  private static ModelSpec spec(String cell, int layers) {
    return ModelSpec.builder().series(TAU, 1).cell(cell).hidden(12).layers(layers).build();
  }

  private static ParameterSet init(ModelSpec spec) {
    return SequenceModel.of(spec, CellRegistry.withBuiltIns()).initialize(Initializers.Scheme.XAVIER, 4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gru", ModelSpec.LINEAR})
  void training_lowers_the_squared_error(String cell) {
    ModelSpec spec = spec(cell, cell.equals(ModelSpec.LINEAR) ? 0 : 1);
    List<SeriesBatch> batches = sine(800).epoch(8, 10, new Rng(0));
    try (TrainingSession s = BACKEND.openTraining(spec, init(spec), Optimizer.named("adam"))) {
      double first = 0;
      double last = 0;
      for (int epoch = 0; epoch < 5; epoch++) {
        double sum = 0;
        for (int i = 0; i < batches.size(); i++) {
          sum += s.step(batches.get(i), i, 0.02, 1).loss().mean();
        }
        first = epoch == 0 ? sum / batches.size() : first;
        last = sum / batches.size();
      }
      double noise = SineSeries.NOISE_STD * SineSeries.NOISE_STD;
      assertTrue(last < first && last < 1.5 * noise, cell + ": mean squared error " + first + " → " + last
          + ", the noise alone gives " + noise);
    }
  }

  @Test
  void predictions_equal_the_float64_reference_and_score_as_training_evaluates() {
    ModelSpec spec = spec("lstm", 2);
    ParameterSet params = init(spec);
    SeriesBatch batch = sine(200).evaluation(3, 7).get(0);
    double[] expected = reference(spec, params, batch);
    double evaluated;
    try (TrainingSession t = BACKEND.openTraining(spec, params, Optimizer.named("sgd"))) {
      evaluated = t.evaluate(batch).mean();
    }
    try (InferenceModel m = BACKEND.openInference(spec, params); InferenceSession s = m.newSession(3)) {
      Logits got = s.forward(batch.inputs());
      assertEquals(1, got.vocab());
      double squared = 0;
      float[] targets = batch.targetsTimeMajor();
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], got.data()[i], 1e-5, "prediction " + i);
        squared += Math.pow(got.data()[i] - targets[i], 2);
      }
      assertEquals(evaluated, squared / expected.length, 1e-6);
      assertThrows(InvalidInputException.class, () -> s.forward(new int[][] {{1}, {2}, {3}}));
      assertThrows(InvalidInputException.class, () -> s.forward(new float[3][2][TAU + 1]));
    }
  }

  /** The model's predictions on {@link ReferenceOps} in float64 from zero state: {@code [T, B, D]} time-major. */
  private static double[] reference(ModelSpec spec, ParameterSet params, SeriesBatch batch) {
    SequenceModel model = SequenceModel.of(spec, CellRegistry.withBuiltIns());
    ReferenceOps ops = new ReferenceOps();
    Map<io.recur.core.model.ParamKey, Tensor> p = new HashMap<>();
    params.forEach((k, a) -> p.put(k, ReferenceOps.of(a.data(), a.shape())));
    List<State> states = new ArrayList<>();
    for (List<StateSpec> layer : model.stateSpecs()) {
      states.add(new State(layer.stream().<Tensor>map(s -> ReferenceOps.zeros(batch.batchSize(), s.size())).toList()));
    }
    Tensor x = ReferenceOps.of(batch.inputsTimeMajor(), batch.steps(), batch.batchSize(), batch.features());
    SequenceModel.Output out = model.forward(ops, p::get, x, states, false);
    return ReferenceOps.values(model.head(ops, p::get, out.features()));
  }
}
