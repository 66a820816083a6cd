package io.recur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.recur.core.checkpoint.Checkpoint;
import io.recur.core.checkpoint.CheckpointStore;
import io.recur.core.sequence.SeriesData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recur forecast} end to end, kept quick (small models, few epochs): the textbook's sine with
 * the closed-form linear model (its acceptance numbers), the baselines, the plot, a recurrent model
 * trained (on ND4J or TensorFlow), saved, reloaded, exported and forecast on ONNX Runtime with the
 * same numbers.
 */
class ForecastCommandTest {
  @TempDir
  Path dir;

  static CliRun forecast(String... args) {
    return CliRun.of(Stream.concat(Stream.of("forecast"), Stream.of(args)).toArray(String[]::new));
  }

  static JsonObject ok(CliRun r) {
    assertEquals(0, r.exit(), r.err());
    return r.json();
  }

  @Test
  void theTextbooksSineWithTheClosedFormLinearModel() throws IOException {
    Path plot = dir.resolve("sine.png");
    JsonObject j = ok(forecast("--series", "sine", "--tau", "4", "--horizon", "64", "--plot", plot.toString(), "--json"));
    assertEquals(1000, j.get("points").getAsInt());
    assertEquals(600, j.get("train_points").getAsInt());
    assertEquals("closed-form", j.get("fit").getAsString());
    double oneStep = j.get("one_step_mse").getAsDouble();
    assertTrue(oneStep > 0.04 && oneStep < 0.06, "the floor of AR(4) on this series: " + oneStep);
    JsonArray h = j.getAsJsonArray("horizons");
    assertEquals(64, h.size());
    assertEquals(oneStep, h.get(0).getAsJsonObject().get("mse").getAsDouble());
    assertEquals(j.get("k_step_mse").getAsDouble(), h.get(63).getAsJsonObject().get("mse").getAsDouble());
    double[] mse = {mse(h, 1), mse(h, 4), mse(h, 16), mse(h, 64)};
    for (int i = 1; i < mse.length; i++) {
      assertTrue(mse[i] > mse[i - 1], "k-step error grows with k: " + Arrays.toString(mse));
    }
    assertEquals(400 - 64 + 1, h.get(63).getAsJsonObject().get("count").getAsInt());
    JsonObject naive = j.getAsJsonObject("baselines").getAsJsonObject("naive");
    assertTrue(naive.get("one_step_mse").getAsDouble() > oneStep, "the model beats the last value");
    assertEquals(64, naive.getAsJsonArray("mase_by_horizon").size());
    assertTrue(j.getAsJsonObject("baselines").get("seasonal_naive").isJsonNull(), "no --season, no seasonal naive");
    assertEquals(1.0, naive.getAsJsonArray("mase_by_horizon").get(0).getAsDouble(), 0.1,
        "MASE scaled by the naive forecast's in-sample error: the naive forecast scores about 1 at horizon 1");
    assertTrue(isPng(plot), "a PNG at " + plot);
    assertEquals(plot.toString(), j.get("plot").getAsString());
  }

  @Test
  void theSeasonalNaiveForecastAndTheMaseScaleFollowTheSeason() {
    JsonObject j = ok(forecast("--series", "sine", "--horizon", "8", "--season", "5", "--json"));
    JsonObject seasonal = j.getAsJsonObject("baselines").getAsJsonObject("seasonal_naive");
    assertEquals(8, seasonal.getAsJsonArray("mase_by_horizon").size());
    assertTrue(seasonal.get("k_step_mse").getAsDouble() > 0);
    assertEquals(5, j.get("season").getAsInt());
  }

  @Test
  void aRecurrentModelIsTrainedSavedReloadedExportedAndForecastOnOnnxRuntimeWithTheSameNumbers() {
    Path model = dir.resolve("gru");
    JsonObject trained = ok(forecast("--series", "sine", "--model", "gru", "--hidden", "8", "--epochs", "2", "--horizon", "5",
        "--out", model.toString(), "--json"));
    assertEquals("trained", trained.get("fit").getAsString());
    assertEquals(2, trained.get("epochs").getAsInt());
    assertTrue(trained.get("val_mse").getAsDouble() > 0);
    assertTrue(CheckpointStore.isCheckpoint(model));

    JsonObject reloaded = ok(forecast("--series", "sine", "--model", model.toString(), "--horizon", "5", "--json"));
    assertEquals("loaded", reloaded.get("fit").getAsString());
    assertEquals(trained.get("one_step_mse").getAsDouble(), reloaded.get("one_step_mse").getAsDouble(), 0);
    assertEquals(trained.get("k_step_mse").getAsDouble(), reloaded.get("k_step_mse").getAsDouble(), 0);

    Path onnx = dir.resolve("gru.onnx");
    JsonObject export = ok(CliRun.of("export", "--model", model.toString(), "--out", onnx.toString(), "--json"));
    assertTrue(export.get("max_abs_diff").getAsDouble() <= 1e-4, export.toString());
    JsonObject served = ok(forecast("--series", "sine", "--model", onnx.toString(), "--horizon", "5", "--json"));
    assertEquals("onnx", served.get("backend").getAsString());
    assertSameScores(reloaded, served, 1e-4);
  }

  @Test
  void aModelTrainedOnTensorFlowForecastsTheSameOnNd4j() {
    Path model = dir.resolve("tf");
    JsonObject trained = ok(forecast("--series", "sine", "--model", "lstm", "--hidden", "8", "--epochs", "2", "--horizon", "4",
        "--backend", "tensorflow", "--out", model.toString(), "--json"));
    assertEquals("tensorflow", trained.get("backend").getAsString());
    JsonObject onNd4j = ok(forecast("--series", "sine", "--model", model.toString(), "--horizon", "4", "--backend", "nd4j", "--json"));
    assertEquals("nd4j", onNd4j.get("backend").getAsString());
    assertSameScores(trained, onNd4j, 1e-4);
  }

  @Test
  void theLinearModelSavedInClosedFormOrTrainedBySgdIsACheckpointLikeAnyOther() throws IOException {
    Path closed = dir.resolve("closed");
    JsonObject fitted = ok(forecast("--series", "sine", "--horizon", "3", "--out", closed.toString(), "--json"));
    Checkpoint c = CheckpointStore.read(closed);
    assertEquals(0, c.spec().layers());
    assertEquals(new SeriesData(4, List.of("sine"), ((SeriesData) c.data()).mean(), ((SeriesData) c.data()).scale()),
        c.data());
    assertEquals(fitted.get("one_step_mse").getAsDouble(),
        ok(forecast("--series", "sine", "--model", closed.toString(), "--horizon", "3", "--json")).get("one_step_mse").getAsDouble(), 0);
    Path onnx = dir.resolve("linear.onnx");
    ok(CliRun.of("export", "--model", closed.toString(), "--out", onnx.toString(), "--json"));
    assertSameScores(fitted, ok(forecast("--series", "sine", "--model", onnx.toString(), "--horizon", "3", "--json")), 1e-4);

    JsonObject sgd = ok(forecast("--series", "sine", "--fit", "sgd", "--epochs", "3", "--horizon", "3", "--json"));
    assertEquals("trained", sgd.get("fit").getAsString());
    assertEquals(5, sgd.get("parameters").getAsInt());
    assertTrue(sgd.get("one_step_mse").getAsDouble() < 2 * fitted.get("one_step_mse").getAsDouble(), sgd.toString());
  }

  @Test
  void aModelOfDifferencesForecastsATrendBeyondTheTrainingRange() throws IOException {
    StringBuilder csv = new StringBuilder("date,level\n");
    for (int t = 0; t < 200; t++) {
      csv.append(String.format("2000-%02d-%02d,%s%n", 1 + t / 28 % 12, 1 + t % 28, 10 + 0.5 * t + Math.sin(t * 0.7)));
    }
    Path file = Files.writeString(dir.resolve("trend.csv"), csv);
    Path plot = dir.resolve("trend.png");
    JsonObject d = ok(forecast("--series", file.toString(), "--model", "gru", "--hidden", "8", "--epochs", "3", "--difference",
        "--tau", "3", "--horizon", "4", "--plot", plot.toString(), "--json"));
    assertEquals(1, d.get("differences").getAsInt());
    assertTrue(d.get("one_step_mse").getAsDouble() < d.getAsJsonObject("baselines").getAsJsonObject("naive")
        .get("one_step_mse").getAsDouble() * 2, d.toString());
    assertTrue(isPng(plot));
  }

  private static double mse(JsonArray horizons, int k) {
    return horizons.get(k - 1).getAsJsonObject().get("mse").getAsDouble();
  }

  private static void assertSameScores(JsonObject expected, JsonObject actual, double relative) {
    JsonArray e = expected.getAsJsonArray("horizons");
    JsonArray a = actual.getAsJsonArray("horizons");
    assertEquals(e.size(), a.size());
    for (int i = 0; i < e.size(); i++) {
      for (String field : new String[] {"mse", "mae"}) {
        double x = e.get(i).getAsJsonObject().get(field).getAsDouble();
        assertEquals(x, a.get(i).getAsJsonObject().get(field).getAsDouble(), relative * x, field + " at horizon " + (i + 1));
      }
    }
  }

  static boolean isPng(Path file) throws IOException {
    byte[] b = Files.readAllBytes(file);
    return b.length > 1000 && Arrays.equals(Arrays.copyOf(b, 4), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
  }

  @Test
  void aSavedModelIsUsedAsSavedAndALanguageModelIsRefused() {
    Path model = dir.resolve("lin");
    ok(forecast("--series", "sine", "--horizon", "2", "--out", model.toString(), "--json"));
    Path onnx = dir.resolve("lin.onnx");
    ok(CliRun.of("export", "--model", model.toString(), "--out", onnx.toString(), "--json"));
    assertEquals(4, ok(forecast("--series", "sine", "--model", onnx.toString(), "--tau", "4", "--horizon", "2", "--json"))
        .get("tau").getAsInt());
    ForecastErrorsTest.assertOneLine(forecast("--series", "sine", "--model", onnx.toString(), "--tau", "5", "--horizon", "2"),
        "--tau 5 differs from the saved model's tau 4");
    ForecastErrorsTest.assertOneLine(forecast("--series", "sine", "--model", model.toString(), "--epochs", "3", "--horizon", "2"),
        "--epochs configures a model fitted here");
    ForecastErrorsTest.assertOneLine(forecast("--series", "sine", "--model", TrainedModels.chars().checkpoint().toString(),
        "--horizon", "2"), "this is a language model");
  }
}
