package io.recur.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.cell.CellRegistry;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.Objective;
import io.recur.core.model.SeriesModel;
import io.recur.core.sequence.SeriesData;
import io.recur.core.sequence.TextData;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.ops.Initializers;
import io.recur.core.optim.OptimizerState;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;
import io.recur.core.train.EpochReport;
import io.recur.core.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
  @TempDir
  Path dir;

  private final ModelSpec spec = ModelSpec.builder().cell("lstm").vocabSize(4).hidden(3).build();
  private final Vocab vocab = new Vocab(List.of("<unk>", "a", "b", "c"), new long[] {0, 5, 3, 1});
  private final ParameterSet params = new LanguageModel(spec, CellRegistry.withBuiltIns())
      .initialize(Initializers.Scheme.XAVIER, 11);

  private Checkpoint checkpoint(int epochs) {
    List<EpochReport> history = new java.util.ArrayList<>();
    for (int e = 1; e <= epochs; e++) {
      history.add(new EpochReport(e, Objective.CROSS_ENTROPY, 10.0 / e, e == 1 ? Double.NaN : 12.0 / e, 1.0, 1120, 0.5));
    }
    OptimizerState adam = new OptimizerState("adam", 42, Map.of("m", scaled(params, 0.5f), "v", scaled(params, 2f)));
    return new Checkpoint(spec, new TextData(TextSpec.defaults(), vocab), params, TrainingConfig.defaults(), adam, history,
        Provenance.now("nd4j", "test"));
  }

  /** {@code p} times {@code factor}: Adam's m and v differ, so a swap of the slots is caught. */
  static ParameterSet scaled(ParameterSet p, float factor) {
    ParameterSet out = p.copy();
    for (ParamKey k : out.keys()) {
      float[] d = out.get(k).data();
      for (int i = 0; i < d.length; i++) {
        d[i] *= factor;
      }
    }
    return out;
  }

  @Test
  void aSeriesModelRoundTripsWithItsScaling() throws IOException {
    ModelSpec series = ModelSpec.builder().cell("gru").hidden(3).series(8, 2).build();
    ParameterSet p = new SeriesModel(series, CellRegistry.withBuiltIns()).initialize(Initializers.Scheme.XAVIER, 3);
    SeriesData data = new SeriesData(4, List.of("a", "b"), new double[] {1, 2}, new double[] {3, 4});
    Checkpoint c = new Checkpoint(series, data, p, TrainingConfig.defaults(), OptimizerState.fresh("sgd"),
        List.of(new EpochReport(1, Objective.SQUARED_ERROR, 0.5, 0.75, 1.0, 640, 0.1)), Provenance.now("nd4j", "test"));
    CheckpointStore.write(dir, c);
    Checkpoint r = CheckpointStore.read(dir);
    assertEquals(series, r.spec());
    assertEquals(data, r.data());
    assertEquals(c.history(), r.history());
    assertEquals(0.75, r.history().get(0).validationMetric(), "an MSE is reported as itself");
    assertThrows(InvalidInputException.class, r::text);
    assertThrows(IllegalArgumentException.class, () -> new Checkpoint(series, new SeriesData(3, List.of("a", "b"),
        new double[] {1, 2}, new double[] {3, 4}), p, null, OptimizerState.fresh("sgd"), List.of(), Provenance.now("nd4j", "t")),
        "tau 3 over two columns is 6 inputs, not the spec's 8");
  }

  @Test
  void roundTripsEverything() throws IOException {
    Checkpoint c = checkpoint(2);
    CheckpointStore.write(dir, c);
    Checkpoint r = CheckpointStore.read(dir);
    assertEquals(c.spec(), r.spec());
    assertEquals(c.data(), r.data());
    assertEquals(c.training(), r.training());
    assertEquals(c.history(), r.history());
    assertEquals(c.provenance(), r.provenance());
    assertEquals(42, r.optimizer().step());
    for (ParamKey k : params.keys()) {
      assertEquals(params.get(k), r.params().get(k));
      assertEquals(c.optimizer().slots().get("m").get(k), r.optimizer().slots().get("m").get(k));
      assertEquals(c.optimizer().slots().get("v").get(k), r.optimizer().slots().get("v").get(k));
    }
    assertEquals(2, r.epochsDone());
  }

  @Test
  void aNewSaveReplacesTheOldFilesCompletely() throws IOException {
    CheckpointStore.write(dir, checkpoint(1));
    CheckpointStore.write(dir, checkpoint(2));
    try (Stream<Path> s = Files.list(dir)) {
      List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(List.of("checkpoint.json", "optimizer-000002-m.bin", "optimizer-000002-v.bin", "params-000002.bin"), names);
    }
    assertEquals(2, CheckpointStore.read(dir).epochsDone());
  }

  @Test
  void corruptionIsDetectedByTheChecksum() throws IOException {
    CheckpointStore.write(dir, checkpoint(1));
    Path p = dir.resolve("params-000001.bin");
    byte[] bytes = Files.readAllBytes(p);
    bytes[bytes.length - 3] ^= 0x10;
    Files.write(p, bytes);
    var e = assertThrows(InvalidInputException.class, () -> CheckpointStore.read(dir));
    assertTrue(e.getMessage().contains("corrupt") && e.getMessage().contains("params-000001.bin"), e.getMessage());
  }

  @Test
  void truncatedAndMissingPiecesGiveClearErrors() throws IOException {
    CheckpointStore.write(dir, checkpoint(1));
    Path p = dir.resolve("optimizer-000001-m.bin");
    Files.delete(p);
    var e = assertThrows(InvalidInputException.class, () -> CheckpointStore.read(dir));
    assertTrue(e.getMessage().contains("missing optimizer-000001-m.bin"), e.getMessage());

    Path manifest = dir.resolve(CheckpointStore.MANIFEST);
    String json = Files.readString(manifest);
    Files.writeString(manifest, json.substring(0, json.length() / 2));
    e = assertThrows(InvalidInputException.class, () -> CheckpointStore.read(dir));
    assertTrue(e.getMessage().contains("is damaged or incomplete") && e.getMessage().contains(manifest.toString()),
        e.getMessage());

    var notCkpt = assertThrows(InvalidInputException.class, () -> CheckpointStore.read(dir.resolve("nope")));
    assertTrue(notCkpt.getMessage().contains("not a directory"), notCkpt.getMessage());
    Files.createDirectories(dir.resolve("empty"));
    var empty = assertThrows(InvalidInputException.class, () -> CheckpointStore.read(dir.resolve("empty")));
    assertTrue(empty.getMessage().contains("not a Recur checkpoint"), empty.getMessage());
  }

  @Test
  void aCheckpointFromANewerRecurIsRefused() throws IOException {
    CheckpointStore.write(dir, checkpoint(1));
    ManifestFiles.edit(dir, body -> body.replace("\"version\": 3", "\"version\": 99"));
    var e = assertThrows(InvalidInputException.class, () -> CheckpointStore.read(dir));
    assertTrue(e.getMessage().contains("upgrade Recur"), e.getMessage());
  }

  @Test
  void resumingWithAnotherVocabularyOrArchitectureIsRefused() {
    Checkpoint c = checkpoint(1);
    Vocab other = new Vocab(List.of("<unk>", "a", "b", "d"), new long[] {0, 5, 3, 1});
    var e = assertThrows(InvalidInputException.class, () -> c.checkResumable(spec, new TextData(TextSpec.defaults(), other)));
    assertTrue(e.getMessage().contains("vocabulary"), e.getMessage());
    var a = assertThrows(InvalidInputException.class,
        () -> c.checkResumable(spec.toBuilder().hidden(9).build(), new TextData(TextSpec.defaults(), vocab)));
    assertTrue(a.getMessage().contains("architecture"), a.getMessage());
    var t = assertThrows(InvalidInputException.class,
        () -> c.checkResumable(spec, new TextData(new TextSpec("none", "word"), vocab)));
    assertTrue(t.getMessage().contains("--tokenizer"), t.getMessage());
    c.checkResumable(spec.toBuilder().dropout(0.5).build(), new TextData(TextSpec.defaults(), vocab));
  }
}
