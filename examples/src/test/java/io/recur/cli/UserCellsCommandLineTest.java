package io.recur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import io.recur.core.cell.CellOptions;
import io.recur.core.checkpoint.CheckpointStore;
import io.recur.core.config.RecurConfig;
import io.recur.core.inference.LoadedModel;
import io.recur.core.inference.ModelLoader;
import io.recur.core.inject.CoreModule;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cells beyond the built-ins on the command line: the example cells train by short name and
 * export to ONNX; a cell's options are refused when it does not take them and otherwise survive
 * the checkpoint and the ONNX file; unknown and broken cells stop with one line saying why.
 */
class UserCellsCommandLineTest {
  @TempDir
  Path dir;

  private static final String[] TINY = {"--hidden", "16", "--epochs", "1", "--batch", "4", "--steps", "8", "--seed", "3"};

  private CliRun train(String... args) {
    String[] all = Stream.of(new String[] {"train", "--corpus", TrainedModels.corpus().toString(), "--json"}, TINY, args)
        .flatMap(Stream::of).toArray(String[]::new);
    return CliRun.of(all);
  }

  private static void assertOneLine(CliRun r, String fragment) {
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains(fragment), r.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mgu", "peephole-lstm", "layernorm-lstm", "indrnn"})
  void anExampleCellTrainsByShortNameAndExportsToOnnx(String cell) {
    Path out = dir.resolve(cell);
    CliRun trained = train("--cell", cell, "--out", out.toString());
    assertEquals(0, trained.exit(), trained.err());
    assertEquals(cell, trained.json().get("cell").getAsString());
    assertTrue(trained.json().get("val_ppl").getAsDouble() < 28, trained.out());
    CliRun exported = CliRun.of("export", "--model", out.toString(), "--out", dir.resolve(cell + ".onnx").toString(), "--json");
    assertEquals(0, exported.exit(), exported.err());
    assertTrue(exported.json().get("max_abs_diff").getAsDouble() <= 1e-4, exported.out());
  }

  @Test
  void aCellOptionSurvivesTheCheckpointAndTheOnnxFile() throws Exception {
    Path out = dir.resolve("indrnn");
    CliRun trained = train("--cell", "indrnn", "--cell-opt", "activation=tanh", "--cell-opt", "recurrent_max=0.9",
        "--out", out.toString());
    assertEquals(0, trained.exit(), trained.err());
    CellOptions expected = new CellOptions(Map.of("activation", "tanh", "recurrent_max", "0.9"));
    assertEquals(expected, CheckpointStore.read(out).spec().cellOptions());

    String corpus = TrainedModels.corpus().toString();
    String[] heldOut = {"--corpus", corpus, "--val-fraction", "0.1", "--batch", "4", "--steps", "8", "--drop-last", "--json"};
    CliRun fromCheckpoint = CliRun.of(Stream.concat(Stream.of("eval", "--model", out.toString()), Stream.of(heldOut))
        .toArray(String[]::new));
    assertEquals(0, fromCheckpoint.exit(), fromCheckpoint.err());
    assertEquals(trained.json().get("val_ppl").getAsDouble(), fromCheckpoint.json().get("ppl").getAsDouble(), 1e-4,
        "the checkpoint rebuilds the cell with its options, so eval reproduces train's held-out perplexity");

    Path onnx = dir.resolve("indrnn.onnx");
    CliRun exported = CliRun.of("export", "--model", out.toString(), "--out", onnx.toString(), "--json");
    assertEquals(0, exported.exit(), exported.err());
    try (LoadedModel m = Guice.createInjector(new CoreModule(RecurConfig.defaults())).getInstance(ModelLoader.class).load(onnx)) {
      assertEquals(expected, m.spec().cellOptions());
    }
    CliRun fromOnnx = CliRun.of(Stream.concat(Stream.of("eval", "--model", onnx.toString()), Stream.of(heldOut))
        .toArray(String[]::new));
    assertEquals(0, fromOnnx.exit(), fromOnnx.err());
    assertEquals(fromCheckpoint.json().get("ppl").getAsDouble(), fromOnnx.json().get("ppl").getAsDouble(), 1e-3);
    for (Path model : new Path[] {out, onnx}) {
      CliRun g = CliRun.of("generate", "--model", model.toString(), "--prefix", "the time", "--length", "20", "--greedy", "--json");
      assertEquals(0, g.exit(), g.err());
      assertTrue(g.json().get("text").getAsString().startsWith("the time"), g.out());
    }
  }

  @Test
  void anOptionTheCellDoesNotTakeIsRefused() {
    assertOneLine(train("--cell", "gru", "--cell-opt", "forget_bias=1"),
        "recur: cell 'gru' has no option 'forget_bias'; it takes none; drop --cell-opt forget_bias");
    assertOneLine(train("--cell", "lstm", "--cell-opt", "forget_bias=1", "--forget-bias", "2"),
        "--forget-bias and --cell-opt forget_bias both set the forget bias; pass one");
  }

  @Test
  void cellOptionsCanComeFromTheConfigFile() throws Exception {
    Path config = java.nio.file.Files.writeString(dir.resolve("recur.properties"), "threads = 1\ncell_opt.forget_bias = 1\n");
    Path out = dir.resolve("lstm");
    CliRun r = train("--cell", "lstm", "--config", config.toString(), "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(Map.of("forget_bias", "1"), CheckpointStore.read(out).spec().cellOptions().values());
  }

  @Test
  void anUnknownCellListsTheRegisteredOnesAndHowToAddOne() {
    assertOneLine(train("--cell", "mug"), "unknown cell 'mug'; registered: [gru, indrnn, layernorm-lstm, lstm, mgu, "
        + "peephole-lstm, rnn, rnn-relu]; or name a cell class (com.acme.MyCell) on --classpath, or register a short name by "
        + "listing a CellProvider in META-INF/services/io.recur.core.cell.CellProvider");
  }

  @Test
  void aBrokenCellStopsTrainingBeforeAnyBackendWithOneLine() {
    String unused = "io.recur.core.testing.BrokenCells$UnusedParameter";
    assertOneLine(train("--cell", unused), "recur: cell '" + unused + "' (UnusedParameter(3→4)) declares parameter 'gain' [4] "
        + "but its step never uses it");
  }

  @Test
  void aMissingClassPathEntryIsNamed() {
    assertOneLine(train("--cell", "mgu", "--classpath", dir.resolve("nowhere").toString()),
        "--classpath entry '" + dir.resolve("nowhere") + "' does not exist");
  }
}
