package io.recur.backend.onnx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.recur.backend.onnx.OnnxExporter;
import io.recur.backend.onnx.export.Dim;
import io.recur.backend.onnx.export.OnnxGraph;
import io.recur.backend.onnx.export.OnnxModelBuilder;
import io.recur.backend.onnx.export.RecurMetadata;
import io.recur.backend.onnx.testing.Fixtures;
import io.recur.core.InvalidInputException;
import io.recur.core.backend.InferenceSession;
import io.recur.core.config.FusedMode;
import io.recur.core.config.RecurConfig;
import io.recur.core.inference.LoadedModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;
import io.recur.core.testing.ReferenceModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .onnx} files: what Recur wrote comes back whole; anything else is refused with a message saying what it is. */
class OnnxModelReaderTest {
  @TempDir
  Path dir;

  private final OnnxModelReader reader = new OnnxModelReader(RecurConfig.defaults());

  static Vocab vocab(int size) {
    List<String> tokens = new ArrayList<>(List.of(Vocab.UNK, " "));
    for (int i = 0; tokens.size() < size; i++) {
      tokens.add(String.valueOf((char) ('a' + i)));
    }
    long[] counts = new long[size];
    Arrays.setAll(counts, i -> 100 - i);
    return new Vocab(tokens, counts);
  }

  private Path export(ModelSpec spec, ParameterSet params, TextSpec text) {
    Path file = dir.resolve("model.onnx");
    new OnnxExporter(Fixtures.cells(), FusedMode.AUTO, 1).export(spec, text, vocab(spec.vocabSize()), params, file);
    return file;
  }

  @Test
  void metadataRoundTripsAndTheModelRunsWithoutItsCellClass() throws IOException {
    ModelSpec spec = ModelSpec.builder().cell("gru").vocabSize(9).embed(4).hidden(6).layers(2).dropout(0.25).build();
    ParameterSet params = Fixtures.randomParams(spec, 3);
    TextSpec text = new TextSpec("none", "word");
    try (LoadedModel loaded = reader.read(export(spec, params, text))) {
      assertEquals(spec, loaded.spec());
      assertEquals(text, loaded.text().text());
      assertEquals(vocab(9), loaded.text().vocab());
      assertEquals("onnx", loaded.model().backend());
      Map<String, String> meta = ((OrtModel) loaded.model()).metadata();
      assertEquals(RecurMetadata.FORMAT, meta.get(RecurMetadata.FORMAT_KEY));
      assertEquals("onnx", RecurMetadata.provenance(meta, "test").backend());
      int[][] tokens = Fixtures.tokens(2, 7, 9, 1);
      try (InferenceSession s = loaded.model().newSession(2)) {
        assertTrue(Fixtures.maxAbsDiff(s.forward(tokens).data(), new ReferenceModel(spec, params).forward(tokens)) <= 1e-5);
      }
    }
  }

  @Test
  void aCustomCellModelLoadsFromMetadataAlone() {
    ModelSpec spec = ModelSpec.builder().cell("peephole").vocabSize(7).hidden(5).build();
    try (LoadedModel loaded = reader.read(export(spec, Fixtures.randomParams(spec, 1), TextSpec.defaults()))) {
      assertEquals("peephole", loaded.spec().cell());
      assertEquals(List.of("h", "c"), ((OrtModel) loaded.model()).signature().layers().get(0).stream()
          .map(io.recur.core.cell.StateSpec::name).toList());
    }
  }

  @Test
  void aFileThatIsNotOnnxIsRefused() throws IOException {
    Path f = dir.resolve("notes.onnx");
    Files.writeString(f, "this is a text file, not a model\n", StandardCharsets.UTF_8);
    assertMessage(f, "is not an ONNX model");
    Path empty = Files.write(dir.resolve("empty.onnx"), new byte[0]);
    assertMessage(empty, "is not an ONNX model");
    byte[] png = new byte[4096];
    new java.util.Random(1).nextBytes(png);
    System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, png, 0, 8);
    assertMessage(Files.write(dir.resolve("image.onnx"), png), "is not an ONNX model");
  }

  @Test
  void aTruncatedFileIsRefusedAtAnyCut() throws IOException {
    ModelSpec spec = ModelSpec.builder().cell("lstm").vocabSize(8).hidden(6).build();
    byte[] whole = Files.readAllBytes(export(spec, Fixtures.randomParams(spec, 1), TextSpec.defaults()));
    for (double fraction : new double[] {0.1, 0.5, 0.9, 0.99}) {
      Path cut = Files.write(dir.resolve("cut" + fraction + ".onnx"), Arrays.copyOf(whole, (int) (whole.length * fraction)));
      assertMessage(cut, "truncated");
    }
  }

  @Test
  void everyFlippedBitIsRefusedOrChangesNothing() throws IOException {
    ModelSpec spec = ModelSpec.builder().cell("rnn").vocabSize(5).hidden(3).build();
    ParameterSet params = Fixtures.randomParams(spec, 1);
    byte[] whole = Files.readAllBytes(export(spec, params, TextSpec.defaults()));
    int[][] tokens = Fixtures.tokens(2, 4, 5, 1);
    double[] expected = new ReferenceModel(spec, params).forward(tokens);
    int loaded = 0;
    for (int i = 0; i < whole.length; i++) {
      byte[] flipped = whole.clone();
      flipped[i] ^= (byte) (1 << (i % 8));
      Path f = Files.write(dir.resolve("flipped.onnx"), flipped);
      try (LoadedModel m = reader.read(f); InferenceSession s = m.model().newSession(tokens.length)) {
        assertTrue(Fixtures.maxAbsDiff(s.forward(tokens).data(), expected) <= 1e-5, "flip at byte " + i + " changed the logits");
        assertEquals(spec, m.spec());
        loaded++;
      } catch (InvalidInputException e) {
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
      }
    }
    assertTrue(loaded < whole.length / 50, loaded + " of " + whole.length + " flips loaded (harmless bytes only)");
  }

  /**
   * A fuzz finding: a graph damaged behind a restamped checksum, so that every check of the file
   * passes, made ONNX Runtime fail inside. A {@code OneHot} axis out of range (7) fails when ONNX
   * Runtime loads the model; one inside ONNX's range but not the exporter's (0) only when it runs.
   * Either is refused in one line naming the file, never an {@code OrtException}.
   */
  @Test
  void aDamagedGraphBehindARestampedChecksumIsRefusedInOneLineAtLoadOrFirstRun() throws IOException {
    ModelSpec spec = ModelSpec.builder().cell("rnn").vocabSize(5).hidden(3).build();
    byte[] exported = Files.readAllBytes(export(spec, Fixtures.randomParams(spec, 1), TextSpec.defaults()));
    for (int axis : new int[] {7, 0}) {
      Path f = Files.write(dir.resolve("axis" + axis + ".onnx"), withOneHotAxis(exported, axis));
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
        try (LoadedModel m = reader.read(f); InferenceSession s = m.model().newSession(1)) {
          s.forward(new int[][] {{1, 2, 3}});
        }
      });
      assertTrue(e.getMessage().startsWith(f + " is not a model Recur can run (ONNX Runtime: "), e.getMessage());
      assertTrue(e.getMessage().endsWith("); export it again with recur export"), e.getMessage());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
  }

  /** {@code onnx} with its {@code OneHot} node's axis set to {@code axis} and its checksum stamped anew. */
  private static byte[] withOneHotAxis(byte[] onnx, int axis) throws IOException {
    ModelProto.Builder model = ModelProto.parseFrom(onnx).toBuilder();
    NodeProto.Builder oneHot = model.getGraphBuilder().getNodeBuilderList().stream()
        .filter(n -> n.getOpType().equals("OneHot")).findFirst().orElseThrow();
    oneHot.getAttributeBuilderList().stream().filter(a -> a.getName().equals("axis")).findFirst().orElseThrow().setI(axis);
    return Fixtures.restamped(model.build());
  }

  @Test
  void anOnnxModelThatIsNotARecurModelIsRefused() throws IOException {
    OnnxGraph g = OnnxGraph.root("other");
    g.output(g.input("x", TensorProto.DataType.FLOAT, Dim.BATCH, Dim.of(2)), "y", Dim.BATCH, Dim.of(2));
    ModelProto other = ModelProto.newBuilder().setIrVersion(OnnxGraph.IR_VERSION).setProducerName("someone-else")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(OnnxGraph.OPSET)).setGraph(g.build()).build();
    Path f = Files.write(dir.resolve("other.onnx"), other.toByteArray());
    assertMessage(f, "is an ONNX model but not a Recur model");
  }

  @Test
  void aRecurModelWithoutItsVocabularyIsRefused() throws IOException {
    ModelSpec spec = ModelSpec.builder().cell("rnn").vocabSize(5).hidden(3).build();
    byte[] bare = new OnnxModelBuilder(Fixtures.cells(), FusedMode.AUTO).build(spec, Fixtures.randomParams(spec, 1), Map.of())
        .toByteArray();
    assertMessage(Files.write(dir.resolve("bare.onnx"), bare), "lacks the metadata entry recur.text");
  }

  @Test
  void aMissingFileIsRefused() {
    assertMessage(dir.resolve("absent.onnx"), "does not exist");
  }

  private void assertMessage(Path file, String fragment) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> reader.read(file));
    assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    assertTrue(e.getMessage().contains(file.toString()), "message names the file: " + e.getMessage());
  }
}
