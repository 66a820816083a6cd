package io.recur.backend.onnx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.backend.onnx.ExportReport;
import io.recur.backend.onnx.ExportVerificationException;
import io.recur.backend.onnx.OnnxExporter;
import io.recur.backend.onnx.ReferencePredictions;
import io.recur.backend.onnx.Verification;
import io.recur.backend.onnx.export.OnnxModelBuilder;
import io.recur.backend.onnx.testing.Fixtures;
import io.recur.core.InvalidInputException;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import io.recur.core.config.FusedMode;
import io.recur.core.config.RecurConfig;
import io.recur.core.inference.LoadedModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.sequence.SeriesData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Series models on ONNX Runtime: values {@code [time, batch, F]} in, predictions
 * {@code [time, batch, D]} out, computing what the model definition computes (the float64
 * reference) from non-zero states — the linear model (no state at all), built-in cells on ONNX's
 * operators and through {@code Scan}, a custom cell — and sessions that carry state, reorder rows,
 * check their input, and read exported files with their series data.
 */
class OrtSeriesTest {
  static final double TOLERANCE = 1e-5;

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of(ModelSpec.builder().cell(ModelSpec.LINEAR).layers(0).hidden(1).series(4, 1).build(), FusedMode.AUTO),
        Arguments.of(ModelSpec.builder().cell("gru").hidden(7).series(4, 1).build(), FusedMode.AUTO),
        Arguments.of(ModelSpec.builder().cell("lstm").layers(2).hidden(5).series(6, 2).build(), FusedMode.AUTO),
        Arguments.of(ModelSpec.builder().cell("rnn").hidden(5).series(3, 1).build(), FusedMode.OFF),
        Arguments.of(ModelSpec.builder().cell("mgu").layers(2).hidden(4).series(4, 1).build(), FusedMode.AUTO));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("models")
  void predictionsAndStatesMatchTheReference(ModelSpec spec, FusedMode mode) {
    ParameterSet params = Fixtures.randomParams(spec, 7);
    float[][][] values = Fixtures.values(3, 9, spec.features(), 3);
    float[][] states = Fixtures.randomStates(spec, 3, 5);
    byte[] onnx = new OnnxModelBuilder(Fixtures.cells(), mode).build(spec, params, Map.of()).toByteArray();
    try (OrtModel model = OrtModel.open(onnx, "test model", 1)) {
      OrtModel.Outputs out = model.run(Fixtures.timeMajor(values), 9, 3, states);
      Fixtures.Result ref = Fixtures.reference(spec, params, values, states);
      double diff = Fixtures.maxAbsDiff(out.outputs(), ref.logits());
      assertTrue(diff <= TOLERANCE, spec + ": predictions max abs diff " + diff);
      assertEquals(9 * 3 * spec.outputs(), out.outputs().length);
      assertEquals(ref.states().length, out.states().length);
      for (int i = 0; i < states.length; i++) {
        assertTrue(Fixtures.maxAbsDiff(out.states()[i], ref.states()[i]) <= TOLERANCE, spec + ": state " + i);
      }
    }
  }

  @Test
  void aSessionCarriesStateBetweenCallsAndReordersRows() {
    ModelSpec spec = ModelSpec.builder().cell("gru").hidden(6).series(4, 1).build();
    float[][][] values = Fixtures.values(2, 8, 4, 9);
    try (OrtModel m = OrtInferenceSessionTest.open(spec, Fixtures.randomParams(spec, 2)); InferenceSession whole = m.newSession(2);
        InferenceSession pieces = m.newSession(2)) {
      Logits all = whole.forward(values);
      Logits first = pieces.forward(slice(values, 0, 5));
      Logits rest = pieces.forward(slice(values, 5, 8));
      for (int b = 0; b < 2; b++) {
        assertEquals(all.get(4, b, 0), first.get(4, b, 0), 1e-6);
        assertEquals(all.get(7, b, 0), rest.get(2, b, 0), 1e-6);
      }
      pieces.reorder(new int[] {1, 1});
      whole.reorder(new int[] {1, 0});
      float[][][] next = Fixtures.values(1, 2, 4, 10);
      Logits a = pieces.forward(new float[][][] {next[0], next[0]});
      Logits b = whole.forward(new float[][][] {next[0], next[0]});
      assertEquals(b.get(1, 0, 0), a.get(1, 0, 0), 1e-6, "both continue old row 1");
      assertEquals(a.get(1, 0, 0), a.get(1, 1, 0), 1e-6);
      assertTrue(Math.abs(b.get(1, 1, 0) - a.get(1, 1, 0)) > 1e-4, "whole's row 1 continues old row 0");
    }
  }

  @Test
  void badValuesAreRefusedBeforeOnnxRuntimeSeesThem() {
    ModelSpec spec = ModelSpec.builder().cell(ModelSpec.LINEAR).layers(0).hidden(1).series(4, 1).build();
    try (OrtModel m = OrtInferenceSessionTest.open(spec, Fixtures.randomParams(spec, 2)); InferenceSession s = m.newSession(1)) {
      assertMessage(() -> s.forward(Fixtures.values(1, 3, 5, 1)), "has 5 values but the model reads 4 per step");
      assertMessage(() -> s.forward(Fixtures.values(2, 3, 4, 1)), "this session has 1 rows but 2 were fed");
      assertMessage(() -> s.forward(new float[][][] {{}}), "at least one step");
      float[][][] nan = Fixtures.values(1, 2, 4, 1);
      nan[0][1][2] = Float.NaN;
      assertMessage(() -> s.forward(nan), "row 0, step 1 holds NaN");
      assertMessage(() -> s.forward(new int[][] {{1}}), "a series model reads values, not token ids");
    }
  }

  @Test
  void anExportedFileIsVerifiedAndReadBackWithItsSeriesData(@TempDir Path dir) {
    ModelSpec spec = ModelSpec.builder().cell("lstm").hidden(5).series(3, 1).build();
    ParameterSet params = Fixtures.randomParams(spec, 3);
    SeriesData data = new SeriesData(3, List.of("co2"), new double[] {350}, new double[] {12.5});
    OnnxExporter exporter = new OnnxExporter(Fixtures.cells(), FusedMode.AUTO, 1);
    Path out = dir.resolve("series.onnx");
    ExportReport report = exporter.export(spec, data, params, out, reference(spec, params, 0), Verification.standard());
    assertTrue(report.maxAbsDiff().getAsDouble() <= TOLERANCE, report.toString());

    try (LoadedModel loaded = new OnnxModelReader(RecurConfig.defaults()).read(out)) {
      assertEquals(spec, loaded.spec());
      assertEquals(data, loaded.series());
      assertEquals("onnx", loaded.model().backend());
      assertMessage(loaded::text, "this is a series model");
    }

    Path refused = dir.resolve("refused.onnx");
    ExportVerificationException e = assertThrows(ExportVerificationException.class,
        () -> exporter.export(spec, data, params, refused, reference(spec, params, 1e-3), Verification.standard()));
    assertTrue(e.getMessage().contains("predictions differ"), e.getMessage());
    assertFalse(Files.exists(refused));
    assertMessage(() -> exporter.toBytes(spec, new SeriesData(4, List.of("co2"), new double[] {0}, new double[] {1}), params),
        "series data of tau 4 over 1 columns does not fit");
  }

  /** The float64 reference's predictions from zero state, in float32 and shifted by {@code offset}. */
  private static ReferencePredictions reference(ModelSpec spec, ParameterSet params, double offset) {
    return values -> {
      float[][] zeros = Fixtures.randomStates(spec, values.length, 1);
      for (float[] z : zeros) {
        Arrays.fill(z, 0);
      }
      double[] ref = Fixtures.reference(spec, params, values, zeros).logits();
      float[] f = new float[ref.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) (ref[i] + offset);
      }
      return new Logits(values[0].length, values.length, spec.outputs(), f);
    };
  }

  private static float[][][] slice(float[][][] v, int from, int to) {
    float[][][] out = new float[v.length][][];
    for (int b = 0; b < v.length; b++) {
      out[b] = Arrays.copyOfRange(v[b], from, to);
    }
    return out;
  }

  private static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
    InvalidInputException e = assertThrows(InvalidInputException.class, call);
    assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
  }
}
