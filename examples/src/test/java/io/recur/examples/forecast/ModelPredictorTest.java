package io.recur.examples.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.inject.Guice;
import io.recur.core.backend.Backend;
import io.recur.core.backend.BackendSelector;
import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import io.recur.core.cell.CellRegistry;
import io.recur.core.config.RecurConfig;
import io.recur.core.inject.CoreModule;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.model.SequenceModel;
import io.recur.core.ops.Initializers;
import io.recur.core.sequence.SeriesData;
import io.recur.core.util.Rng;
import io.recur.data.series.Forecast;
import io.recur.data.series.Forecasts;
import io.recur.data.series.History;
import io.recur.data.series.SineSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-pass forecaster against the definition: every origin's forecasts equal those of a fresh
 * session that reads the origin's history from the start and is then fed its own predictions; a
 * value at or after an origin never changes that origin's forecasts (a test that catches a tracker
 * running ahead, a window one step too far, a state shared between origins); and histories that are
 * not the protocol's are answered one by one. On ND4J, for a GRU, a 2-layer LSTM, the linear model,
 * and a GRU of differences.
 */
class ModelPredictorTest {
  private static final int N = 70;
  private static final int K = 6;
  private static final double[] SERIES = series();
  private static Backend nd4j;

  @BeforeAll
  static void backend() {
    nd4j = Guice.createInjector(new CoreModule(RecurConfig.defaults().withThreads(1))).getInstance(BackendSelector.class)
        .select("nd4j");
  }

  @AfterAll
  static void done() {
    nd4j = null;
  }

  /** A noisy sine with a trend, 100 values. */
  private static double[] series() {
    double[] x = SineSeries.generate(100, new Rng(4));
    for (int t = 0; t < x.length; t++) {
      x[t] = 10 * x[t] + 0.05 * t;
    }
    return x;
  }

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of(ModelSpec.builder().cell("gru").hidden(8).series(3, 1).build(), 0),
        Arguments.of(ModelSpec.builder().cell("lstm").layers(2).hidden(5).series(4, 1).build(), 0),
        Arguments.of(ModelSpec.builder().cell(ModelSpec.LINEAR).layers(0).hidden(1).series(3, 1).build(), 0),
        Arguments.of(ModelSpec.builder().cell("gru").hidden(6).series(3, 1).build(), 1));
  }

  private static SeriesData data(ModelSpec spec, int differences) {
    return new SeriesData(spec.features(), List.of("x"), new double[] {1.5}, new double[] {7}, differences);
  }

  private static InferenceModel open(ModelSpec spec) {
    ParameterSet params = SequenceModel.of(spec, CellRegistry.withBuiltIns()).initialize(Initializers.Scheme.UNIFORM, 9);
    return nd4j.openInference(spec, params);
  }

  @ParameterizedTest(name = "{0}, differences {1}")
  @MethodSource("models")
  void everyOriginsForecastsAreThoseOfAFreshSessionFedItsOwnPredictions(ModelSpec spec, int differences) {
    SeriesData data = data(spec, differences);
    try (InferenceModel model = open(spec)) {
      Forecast f = Forecasts.run(SERIES, N, K, new ModelPredictor(model, data, K));
      for (int o = N; o < SERIES.length; o++) {
        double[] expected = fromScratch(model, data, Arrays.copyOf(SERIES, o), K);
        for (int k = 1; k <= K && o + k - 1 < SERIES.length; k++) {
          assertEquals(expected[k - 1], f.predictions(k)[o - N], 1e-5 * Math.max(1, Math.abs(expected[k - 1])),
              "origin " + o + ", horizon " + k);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}, differences {1}")
  @MethodSource("models")
  void aValueAtOrAfterAnOriginNeverChangesThatOriginsForecasts(ModelSpec spec, int differences) {
    SeriesData data = data(spec, differences);
    int changed = N + 12;
    double[] other = SERIES.clone();
    other[changed] += 50;
    try (InferenceModel model = open(spec)) {
      Forecast a = Forecasts.run(SERIES, N, K, new ModelPredictor(model, data, K));
      Forecast b = Forecasts.run(other, N, K, new ModelPredictor(model, data, K));
      for (int k = 1; k <= K; k++) {
        double[] pa = a.predictions(k);
        double[] pb = b.predictions(k);
        int lastUnseen = changed - N; // forecasts from origins n … changed never see x[changed]
        assertArrayEquals(Arrays.copyOf(pa, lastUnseen + 1), Arrays.copyOf(pb, lastUnseen + 1), "horizon " + k);
        assertNotEquals(pa[lastUnseen + 1], pb[lastUnseen + 1], "origin " + (changed + 1) + " sees the change");
      }
    }
  }

  @Test
  void historiesThatAreNotOneSeriesAreAnsweredOneByOne() {
    ModelSpec spec = ModelSpec.builder().cell("gru").hidden(8).series(3, 1).build();
    SeriesData data = data(spec, 0);
    try (InferenceModel model = open(spec)) {
      ModelPredictor p = new ModelPredictor(model, data, K);
      double[] other = SERIES.clone();
      other[5] = -40;
      List<History> histories = new ArrayList<>(List.of(History.of(Arrays.copyOf(SERIES, 40)), History.of(Arrays.copyOf(other, 41)),
          History.of(Arrays.copyOf(SERIES, 30))));
      double[] batch = p.next(histories);
      for (int i = 0; i < histories.size(); i++) {
        assertEquals(p.next(histories.get(i)), batch[i], 0, "history " + i);
      }
      assertEquals(fromScratch(model, data, Arrays.copyOf(other, 41), 1)[0], batch[1], 1e-9);
    }
  }

  /**
   * The definition: a fresh session of one row reads every window of {@code history} in one call,
   * then is fed its own predictions one step at a time.
   */
  static double[] fromScratch(InferenceModel model, SeriesData data, double[] history, int steps) {
    int d = data.differences();
    List<Double> x = new ArrayList<>();
    for (double v : history) {
      x.add(v);
    }
    double[] out = new double[steps];
    try (InferenceSession s = model.newSession(1)) {
      int windows = x.size() - data.tau() - d + 1;
      float[][] all = new float[windows][];
      for (int p = 0; p < windows; p++) {
        all[p] = window(x, p, data);
      }
      Logits y = s.forward(new float[][][] {all});
      float z = y.get(y.steps() - 1, 0, 0);
      for (int k = 0; k < steps; k++) {
        double last = x.get(x.size() - 1);
        out[k] = d == 0 ? data.restore(0, z) : last + data.restore(0, z);
        x.add(out[k]);
        z = s.forward(new float[][][] {{window(x, x.size() - data.tau() - d, data)}}).get(0, 0, 0);
      }
    }
    return out;
  }

  private static float[] window(List<Double> x, int p, SeriesData data) {
    float[] w = new float[data.tau()];
    for (int i = 0; i < w.length; i++) {
      int t = p + i + data.differences();
      w[i] = (float) data.standardise(0, data.differences() == 0 ? x.get(t) : x.get(t) - x.get(t - 1));
    }
    return w;
  }
}
