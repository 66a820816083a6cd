package io.recur.examples.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.recur.backend.onnx.ExportReport;
import io.recur.backend.onnx.OnnxExporter;
import io.recur.backend.onnx.Verification;
import io.recur.core.backend.Backend;
import io.recur.core.backend.BackendSelector;
import io.recur.core.backend.InferenceSession;
import io.recur.core.cell.CellRegistry;
import io.recur.core.checkpoint.Checkpoint;
import io.recur.core.checkpoint.CheckpointStore;
import io.recur.core.checkpoint.TrainingJob;
import io.recur.core.inference.LoadedModel;
import io.recur.core.inference.ModelLoader;
import io.recur.core.inject.CoreModule;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.SequenceModel;
import io.recur.core.ops.Initializers;
import io.recur.core.sequence.SeriesData;
import io.recur.core.sequence.SeriesStream;
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingData;
import io.recur.core.util.Rng;
import io.recur.data.partition.Partitioners;
import io.recur.data.series.Forecast;
import io.recur.data.series.Forecasts;
import io.recur.data.series.Scaler;
import io.recur.data.series.SineSeries;
import io.recur.examples.forecast.ModelPredictor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A series model as a user gets it — trained on ND4J through {@link TrainingJob} on the scaled
 * sine, saved, exported with verification — forecasts the same on ONNX Runtime as on ND4J: every
 * prediction from every held-out origin at every horizon, in the series' units, within 1e-4. For
 * the linear model, a GRU, a two-layer LSTM and a GRU of differences.
 */
class SeriesParityTest {
  private static final Injector INJECTOR = Guice.createInjector(new CoreModule(ParityWorld.CONFIG));
  private static final int N = 300;
  private static final int K = 8;
  private static final double[] SINE = SineSeries.generate(400, new Rng(2));

  @TempDir
  Path dir;

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of(ModelSpec.builder().cell(ModelSpec.LINEAR).layers(0).hidden(1).series(4, 1).build(), 0),
        Arguments.of(ModelSpec.builder().cell("gru").hidden(12).series(4, 1).build(), 0),
        Arguments.of(ModelSpec.builder().cell("lstm").layers(2).hidden(8).series(4, 1).build(), 0),
        Arguments.of(ModelSpec.builder().cell("gru").hidden(8).series(3, 1).build(), 1));
  }

  @ParameterizedTest(name = "{0}, differences {1}")
  @MethodSource("models")
  void forecastsOnOnnxRuntimeEqualThoseOnNd4j(ModelSpec spec, int differences) throws IOException {
    Backend nd4j = INJECTOR.getInstance(BackendSelector.class).select("nd4j");
    double[] modelled = differences == 0 ? SINE : diff(SINE);
    int n = N - differences;
    Scaler scaler = Scaler.fit(Arrays.copyOf(modelled, n));
    SeriesData data = new SeriesData(spec.features(), List.of("sine"), new double[] {scaler.mean()},
        new double[] {scaler.std()}, differences);
    float[][] values = new float[modelled.length][1];
    for (int t = 0; t < values.length; t++) {
      values[t][0] = (float) scaler.transform(modelled[t]);
    }
    Path checkpoint = dir.resolve("model");
    TrainingConfig config = new TrainingConfig(2, 4, 16, "sequential", "adam", 0.01, 1, 1, 0, Initializers.Scheme.XAVIER, 1);
    TrainingJob.start(SequenceModel.of(spec, INJECTOR.getInstance(CellRegistry.class)), data, config).checkpointTo(checkpoint)
        .run(nd4j, TrainingData.of(new SeriesStream(Arrays.copyOf(values, n), data.tau(), Partitioners.byName("sequential"),
            Partitioners.evaluation()), Optional.empty()));

    Checkpoint saved = CheckpointStore.read(checkpoint);
    ModelLoader loader = INJECTOR.getInstance(ModelLoader.class);
    Path onnx = dir.resolve("model.onnx");
    try (LoadedModel onNd4j = loader.load(checkpoint, "nd4j")) {
      ExportReport report = INJECTOR.getInstance(OnnxExporter.class).export(saved.spec(), data, saved.params(), onnx, probe -> {
        try (InferenceSession s = onNd4j.model().newSession(probe.length)) {
          return s.forward(probe);
        }
      }, Verification.standard());
      try (LoadedModel onOrt = loader.load(onnx)) {
        assertEquals("onnx", onOrt.model().backend());
        assertEquals(data, onOrt.series());
        Forecast a = Forecasts.run(SINE, N, K, new ModelPredictor(onNd4j.model(), onNd4j.series(), K));
        Forecast b = Forecasts.run(SINE, N, K, new ModelPredictor(onOrt.model(), onOrt.series(), K));
        double worst = 0;
        for (int k = 1; k <= K; k++) {
          double[] pa = a.predictions(k);
          double[] pb = b.predictions(k);
          for (int i = 0; i < pa.length; i++) {
            worst = Math.max(worst, Math.abs(pa[i] - pb[i]));
          }
        }
        System.out.printf("series parity %-40s export max_abs_diff %.2e, forecasts max abs diff %.2e%n", spec.cell() + " "
            + spec.layers() + " layer(s), differences " + differences, report.maxAbsDiff().getAsDouble(), worst);
        assertTrue(worst <= 1e-4, "forecasts differ by " + worst);
      }
    }
  }

  private static double[] diff(double[] x) {
    double[] d = new double[x.length - 1];
    for (int t = 0; t < d.length; t++) {
      d[t] = x[t + 1] - x[t];
    }
    return d;
  }
}
