package io.recur.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.backend.Backend;
import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import io.recur.core.cell.CellRegistry;
import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.checkpoint.Checkpoint;
import io.recur.core.checkpoint.CheckpointStore;
import io.recur.core.checkpoint.TrainingJob;
import io.recur.core.config.RecurConfig;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.model.SequenceModel;
import io.recur.core.ops.Initializers;
import io.recur.core.sequence.SeriesData;
import io.recur.core.sequence.SeriesStream;
import io.recur.core.tensor.Tensor;
import io.recur.core.check.ReferenceOps;
import io.recur.core.train.EpochReport;
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingData;
import io.recur.core.train.TrainingResult;
import io.recur.core.util.Rng;
import io.recur.data.partition.Partitioners;
import io.recur.data.series.Scaler;
import io.recur.data.series.SineSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Series models on ND4J end to end: core's trainer lowers the squared error on the textbook's
 * noisy sine, a run resumed through {@link TrainingJob} reproduces the uninterrupted one exactly,
 * and inference sessions predict what the float64 reference computes, with state carried between
 * calls and rows reordered as beam search does.
 */
class Nd4jSeriesTest {
  private static final int TAU = 4;
  private final Backend backend = new Nd4jBackend(RecurConfig.defaults().withThreads(1), CellRegistry.withBuiltIns());

  /** The sine's first 600 points for training, the rest held out, both scaled by the training part. */
  private static TrainingData sine() {
    double[] x = SineSeries.generate(1000, new Rng(1));
    double[] train = Arrays.copyOf(x, 600);
    Scaler scaler = Scaler.fit(train);
    float[][] scaled = new float[x.length][1];
    for (int t = 0; t < x.length; t++) {
      scaled[t][0] = (float) scaler.transform(x[t]);
    }
    float[][] head = Arrays.copyOf(scaled, 600);
    float[][] tail = Arrays.copyOfRange(scaled, 600 - TAU, x.length);
    return TrainingData.of(new SeriesStream(head, TAU, Partitioners.byName("sequential"), Partitioners.evaluation()),
        Optional.of(new SeriesStream(tail, TAU, Partitioners.evaluation(), Partitioners.evaluation())));
  }

  private static ModelSpec gru() {
    return ModelSpec.builder().cell("gru").hidden(8).series(TAU, 1).build();
  }

  private static TrainingConfig config(int epochs) {
    return new TrainingConfig(epochs, 4, 16, "sequential", "adam", 0.01, 1.0, 1.0, 0, Initializers.Scheme.XAVIER, 5);
  }

  private static SeriesData seriesData() {
    return new SeriesData(TAU, List.of("sine"), new double[] {0}, new double[] {1});
  }

  @Test
  void training_lowers_the_squared_error_on_the_noisy_sine() {
    TrainingResult r = TrainingJob.start(SequenceModel.of(gru(), CellRegistry.withBuiltIns()), seriesData(), config(4))
        .run(backend, sine());
    List<EpochReport> h = r.history();
    EpochReport first = h.get(0);
    EpochReport last = h.get(h.size() - 1);
    assertTrue(last.trainLoss() < first.trainLoss() * 0.7, h.toString());
    assertTrue(last.validationLoss() < first.validationLoss(), h.toString());
    // The noise alone is 0.04 of a variance of about 0.54: a good one-step model is near 0.08 scaled.
    assertTrue(last.validationLoss() < 0.3, h.toString());
    assertEquals(last.trainLoss(), last.trainMetric(), "the metric of a squared-error objective is the MSE itself");
  }

  @Test
  void a_run_resumed_through_the_training_job_reproduces_the_straight_run(@TempDir Path dir) throws IOException {
    SequenceModel model = SequenceModel.of(gru(), CellRegistry.withBuiltIns());
    Path straight = dir.resolve("straight");
    Path halves = dir.resolve("halves");
    TrainingJob.start(model, seriesData(), config(4)).checkpointTo(straight).run(backend, sine());
    TrainingJob.start(model, seriesData(), config(2)).checkpointTo(halves).run(backend, sine());
    TrainingJob.resume(halves, 4).run(backend, sine());

    Checkpoint a = CheckpointStore.read(straight);
    Checkpoint b = CheckpointStore.read(halves);
    assertEquals(seriesData(), b.data());
    assertEquals(a.history().stream().map(EpochReport::trainLoss).toList(), b.history().stream().map(EpochReport::trainLoss).toList());
    assertEquals(a.history().stream().map(EpochReport::validationLoss).toList(),
        b.history().stream().map(EpochReport::validationLoss).toList());
    for (ParamKey k : a.params().keys()) {
      assertArrayEquals(a.params().get(k).data(), b.params().get(k).data(), k.toString());
    }
    assertEquals(a.optimizer().step(), b.optimizer().step());
  }

  @Test
  void predictions_match_the_float64_reference_with_state_carried_between_calls() {
    for (ModelSpec spec : List.of(gru(), ModelSpec.builder().cell("lstm").layers(2).hidden(6).series(3, 2).build(),
        ModelSpec.builder().cell(ModelSpec.LINEAR).layers(0).hidden(1).series(3, 2).build())) {
      SequenceModel model = SequenceModel.of(spec, CellRegistry.withBuiltIns());
      ParameterSet params = model.initialize(Initializers.Scheme.UNIFORM, 3);
      float[][][] values = values(3, 7, spec.features(), 9);
      double[] expected = reference(model, params, values);
      try (InferenceModel m = backend.openInference(spec, params); InferenceSession s = m.newSession(3)) {
        Logits whole = s.forward(values);
        assertEquals(spec.outputs(), whole.vocab());
        assertWithin(expected, whole.data(), 1e-5, spec.cell());
        s.reset();
        float[] pieces = concat(s.forward(slice(values, 0, 4)).data(), s.forward(slice(values, 4, 7)).data());
        assertWithin(expected, pieces, 1e-5, spec.cell() + " in two calls");
      }
    }
  }

  @Test
  void reordered_rows_continue_from_the_state_they_were_given() {
    ModelSpec spec = gru();
    ParameterSet params = SequenceModel.of(spec, CellRegistry.withBuiltIns()).initialize(Initializers.Scheme.UNIFORM, 4);
    float[][][] warm = values(2, 5, TAU, 1);
    float[][][] next = values(1, 3, TAU, 2);
    try (InferenceModel m = backend.openInference(spec, params); InferenceSession s = m.newSession(2);
        InferenceSession alone = m.newSession(1)) {
      s.forward(warm);
      s.reorder(new int[] {1, 1, 0});
      Logits after = s.forward(new float[][][] {next[0], next[0], next[0]});
      alone.forward(new float[][][] {warm[1]});
      Logits expected = alone.forward(next);
      for (int t = 0; t < 3; t++) {
        assertEquals(expected.get(t, 0, 0), after.get(t, 0, 0), 1e-6);
        assertEquals(expected.get(t, 0, 0), after.get(t, 1, 0), 1e-6);
      }
      assertTrue(Math.abs(after.get(0, 2, 0) - after.get(0, 0, 0)) > 1e-4, "row 2 continues row 0's state, not row 1's");
    }
  }

  @Test
  void values_of_the_wrong_width_are_refused() {
    try (InferenceModel m = backend.openInference(gru(), SequenceModel.of(gru(), CellRegistry.withBuiltIns())
        .initialize(Initializers.Scheme.XAVIER, 1)); InferenceSession s = m.newSession(1)) {
      var e = assertThrows(InvalidInputException.class, () -> s.forward(values(1, 2, TAU + 1, 1)));
      assertTrue(e.getMessage().contains("reads " + TAU), e.getMessage());
      assertThrows(InvalidInputException.class, () -> s.forward(new int[][] {{1}}));
    }
  }

  /** The model on {@link ReferenceOps} in float64 from zero state: predictions {@code [T, B, D]}, time-major. */
  private static double[] reference(SequenceModel model, ParameterSet params, float[][][] values) {
    Map<ParamKey, Tensor> p = new HashMap<>();
    params.forEach((k, a) -> p.put(k, ReferenceOps.of(a.data(), a.shape())));
    int b = values.length;
    int t = values[0].length;
    int f = values[0][0].length;
    double[] timeMajor = new double[t * b * f];
    for (int r = 0; r < b; r++) {
      for (int s = 0; s < t; s++) {
        for (int i = 0; i < f; i++) {
          timeMajor[(s * b + r) * f + i] = values[r][s][i];
        }
      }
    }
    List<State> states = new ArrayList<>();
    for (List<StateSpec> layer : model.stateSpecs()) {
      states.add(new State(layer.stream().<Tensor>map(s -> ReferenceOps.zeros(b, s.size())).toList()));
    }
    ReferenceOps ops = new ReferenceOps();
    SequenceModel.Output out = model.forward(ops, p::get, ReferenceOps.of(timeMajor, t, b, f), states, false);
    return ReferenceOps.values(model.head(ops, p::get, out.features()));
  }

  static float[][][] values(int rows, int steps, int features, long seed) {
    Rng rng = new Rng(seed);
    float[][][] v = new float[rows][steps][features];
    for (float[][] row : v) {
      for (float[] step : row) {
        for (int i = 0; i < features; i++) {
          step[i] = (float) rng.nextGaussian();
        }
      }
    }
    return v;
  }

  private static float[][][] slice(float[][][] v, int from, int to) {
    float[][][] out = new float[v.length][][];
    for (int b = 0; b < v.length; b++) {
      out[b] = Arrays.copyOfRange(v[b], from, to);
    }
    return out;
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void assertWithin(double[] expected, float[] actual, double tolerance, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < actual.length; i++) {
      assertEquals(expected[i], actual[i], tolerance, what + " at " + i);
    }
  }
}
