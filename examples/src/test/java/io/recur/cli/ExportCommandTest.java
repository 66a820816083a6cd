package io.recur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recur export}, and the exported file used by {@code generate} and {@code eval} in place of the checkpoint. */
class ExportCommandTest {
  @TempDir
  Path dir;

  @Test
  void exportWritesAVerifiedFileAndReportsTheLogitDifference() throws IOException {
    Path out = dir.resolve("sub").resolve("model.onnx");
    CliRun r = CliRun.of("export", "--model", TrainedModels.chars().checkpoint().toString(), "--format", "onnx",
        "--out", out.toString(), "--backend", "nd4j", "--json");
    assertEquals(0, r.exit(), r.err());
    JsonObject j = r.json();
    assertEquals(out.toString(), j.get("out").getAsString());
    double diff = j.get("max_abs_diff").getAsDouble();
    assertTrue(diff >= 0 && diff <= 1e-4, j.toString());
    assertEquals("nd4j", j.get("backend").getAsString());
    assertTrue(Files.isRegularFile(out));
    assertEquals(Files.size(out), j.get("bytes").getAsLong());
  }

  @Test
  void aDifferenceAboveTheToleranceExitsOneAndWritesNothing() throws IOException {
    String model = TrainedModels.chars().checkpoint().toString();
    double diff = CliRun.of("export", "--model", model, "--out", dir.resolve("a.onnx").toString(), "--json").json()
        .get("max_abs_diff").getAsDouble();
    assumeTrue(diff > 0, "ND4J and ONNX Runtime agreed to the last bit; no tolerance below the difference exists");
    Path out = dir.resolve("b.onnx");
    CliRun r = CliRun.of("export", "--model", model, "--out", out.toString(), "--tolerance", Double.toString(diff / 2), "--json");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().startsWith("recur: export failed verification: "), r.err());
    assertTrue(r.json().get("out").isJsonNull());
    assertEquals(diff, r.json().get("max_abs_diff").getAsDouble(), "the same probe batch both times");
    assertFalse(Files.exists(out));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(dir.resolve("a.onnx")), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void theOnnxFileGeneratesTheCheckpointsGreedyTextAndScoresItsPerplexity() {
    String checkpoint = TrainedModels.chars().checkpoint().toString();
    String onnx = TrainedModels.charsOnnx().toString();
    String[] gen = {"--prefix", "the time traveller", "--length", "100", "--greedy", "--json"};
    JsonObject fromCheckpoint = run("generate", checkpoint, gen);
    JsonObject fromOnnx = run("generate", onnx, gen);
    assertEquals(fromCheckpoint.get("text").getAsString(), fromOnnx.get("text").getAsString());
    assertEquals("nd4j", fromCheckpoint.get("backend").getAsString());
    assertEquals("onnx", fromOnnx.get("backend").getAsString());

    String[] score = {"--corpus", TrainedModels.chars().corpus().toString(), "--json"};
    JsonObject evalCheckpoint = run("eval", checkpoint, score);
    JsonObject evalOnnx = run("eval", onnx, score);
    assertEquals(evalCheckpoint.get("tokens").getAsInt(), evalOnnx.get("tokens").getAsInt());
    double ppl = evalCheckpoint.get("ppl").getAsDouble();
    assertEquals(ppl, evalOnnx.get("ppl").getAsDouble(), ppl * 5e-5, "equal to 4 significant digits");
  }

  @Test
  void aTiedWordModelExportsToTheSamePerplexity() {
    Path checkpoint = dir.resolve("tied");
    CliRun t = CliRun.of("train", "--corpus", TrainedModels.corpus().toString(), "--tokenizer", "word", "--preprocess", "none",
        "--cell", "lstm", "--embed", "16", "--hidden", "16", "--tied", "--epochs", "1", "--batch", "4", "--steps", "8",
        "--seed", "5", "--out", checkpoint.toString(), "--json");
    assertEquals(0, t.exit(), t.err());
    Path onnx = dir.resolve("tied.onnx");
    CliRun e = CliRun.of("export", "--model", checkpoint.toString(), "--out", onnx.toString(), "--json");
    assertEquals(0, e.exit(), e.err());
    assertTrue(e.json().get("max_abs_diff").getAsDouble() <= 1e-4, e.out());

    String[] score = {"--corpus", TrainedModels.corpus().toString(), "--json"};
    JsonObject fromCheckpoint = run("eval", checkpoint.toString(), score);
    JsonObject fromOnnx = run("eval", onnx.toString(), score);
    assertEquals("onnx", fromOnnx.get("backend").getAsString());
    assertEquals(fromCheckpoint.get("tokens").getAsInt(), fromOnnx.get("tokens").getAsInt());
    double ppl = fromCheckpoint.get("ppl").getAsDouble();
    assertTrue(ppl > 1 && ppl < 1e4, "a word model's perplexity: " + ppl);
    assertEquals(ppl, fromOnnx.get("ppl").getAsDouble(), ppl * 5e-5, "equal to 4 significant digits");
  }

  private static JsonObject run(String command, String model, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = command;
    all[1] = "--model";
    all[2] = model;
    System.arraycopy(args, 0, all, 3, args.length);
    CliRun r = CliRun.of(all);
    assertEquals(0, r.exit(), r.err());
    return r.json();
  }
}
