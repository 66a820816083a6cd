package io.recur.backend.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.recur.backend.onnx.export.OnnxGraph;
import io.recur.backend.onnx.testing.Fixtures;
import io.recur.core.InvalidInputException;
import io.recur.core.backend.Logits;
import io.recur.core.config.FusedMode;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;
import io.recur.core.testing.ReferenceModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export writes a verified, self-contained file atomically, or nothing at all. */
class OnnxExporterTest {
  @TempDir
  Path dir;

  private final ModelSpec spec = ModelSpec.builder().cell("lstm").vocabSize(10).embed(4).hidden(6).layers(2).build();
  private final ParameterSet params = Fixtures.randomParams(spec, 17);
  private final OnnxExporter exporter = new OnnxExporter(Fixtures.cells(), FusedMode.AUTO, 1);

  static Vocab vocab(int size) {
    List<String> tokens = new ArrayList<>(List.of(Vocab.UNK));
    for (int i = 1; i < size; i++) {
      tokens.add("t" + i);
    }
    long[] counts = new long[size];
    Arrays.fill(counts, 1);
    return new Vocab(tokens, counts);
  }

  /** The float64 reference's logits in float32, as a source backend would return them. */
  private ReferenceLogits reference(double offset) {
    return tokens -> {
      double[] ref = new ReferenceModel(spec, params).forward(tokens);
      float[] f = new float[ref.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) (ref[i] + offset);
      }
      return new Logits(tokens[0].length, tokens.length, spec.vocabSize(), f);
    };
  }

  @Test
  void aVerifiedExportReportsTheDifferenceAndWritesAStampedFile() throws IOException {
    Path out = dir.resolve("model.onnx");
    ExportReport report = exporter.export(spec, TextSpec.defaults(), vocab(10), params, out, reference(0), Verification.standard());
    assertTrue(report.maxAbsDiff().isPresent());
    assertTrue(report.maxAbsDiff().getAsDouble() <= 1e-5, "max_abs_diff " + report.maxAbsDiff());
    assertEquals(Files.size(out), report.bytes());
    ModelProto m = ModelProto.parseFrom(Files.readAllBytes(out));
    assertEquals(OnnxGraph.IR_VERSION, m.getIrVersion());
    assertEquals(OnnxGraph.OPSET, m.getOpsetImport(0).getVersion());
    assertEquals("", m.getOpsetImport(0).getDomain());
    assertEquals(report.maxAbsDiff().getAsDouble(), exporter.verify(out, reference(0), Verification.standard()), 0.0);
  }

  @Test
  void aDifferenceAboveTheThresholdFailsAndLeavesNoFileBehind() throws IOException {
    Path out = dir.resolve("model.onnx");
    ExportVerificationException e = assertThrows(ExportVerificationException.class,
        () -> exporter.export(spec, TextSpec.defaults(), vocab(10), params, out, reference(1e-3), Verification.standard()));
    assertTrue(e.maxAbsDiff() > 9e-4 && e.maxAbsDiff() < 1.1e-3, "diff " + e.maxAbsDiff());
    assertTrue(e.getMessage().contains("above the threshold 1.0E-4") && e.getMessage().contains("was not written"), e.getMessage());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.toList(), "no file and no temporary file");
    }
  }

  @Test
  void theLogitToleranceIsInclusiveAtItsBoundary() {
    Path out = dir.resolve("model.onnx");
    double diff = exporter.export(spec, TextSpec.defaults(), vocab(10), params, out, reference(2e-4),
        Verification.standard().reportOnly()).maxAbsDiff().getAsDouble();
    assertTrue(diff > 1e-4, "diff " + diff);
    Path at = dir.resolve("at.onnx");
    assertEquals(diff, exporter.export(spec, TextSpec.defaults(), vocab(10), params, at, reference(2e-4),
        Verification.standard().withThreshold(diff)).maxAbsDiff().getAsDouble(), 0.0, "a difference equal to the tolerance passes");
    assertTrue(Files.exists(at));
    Path below = dir.resolve("below.onnx");
    assertThrows(ExportVerificationException.class, () -> exporter.export(spec, TextSpec.defaults(), vocab(10), params, below,
        reference(2e-4), Verification.standard().withThreshold(Math.nextDown(diff))));
    assertTrue(!Files.exists(below), "one ulp below the difference fails");
  }

  @Test
  void aFailedExportLeavesAnEarlierFileUntouched() throws IOException {
    Path out = dir.resolve("model.onnx");
    byte[] earlier = {1, 2, 3};
    Files.write(out, earlier);
    assertThrows(ExportVerificationException.class,
        () -> exporter.export(spec, TextSpec.defaults(), vocab(10), params, out, reference(0.5), Verification.standard()));
    assertArrayEquals(earlier, Files.readAllBytes(out));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void nanLogitsFailVerification() {
    Path out = dir.resolve("model.onnx");
    assertThrows(ExportVerificationException.class,
        () -> exporter.export(spec, TextSpec.defaults(), vocab(10), params, out, reference(Double.NaN), Verification.standard()));
    assertFalse(Files.exists(out));
  }

  @Test
  void reportOnlyVerificationWritesTheFileAndReportsTheDifference() {
    Path out = dir.resolve("model.onnx");
    ExportReport r = exporter.export(spec, TextSpec.defaults(), vocab(10), params, out, reference(1e-3),
        Verification.standard().reportOnly());
    assertTrue(Files.exists(out));
    assertTrue(r.maxAbsDiff().getAsDouble() > 9e-4);
  }

  @Test
  void theProbeIsReproducibleAndInsideTheVocabulary() {
    int[][] a = OnnxExporter.probe(10, Verification.standard());
    assertEquals(4, a.length);
    assertEquals(32, a[0].length);
    assertArrayEquals(a[3], OnnxExporter.probe(10, Verification.standard())[3]);
    assertTrue(Arrays.stream(a).flatMapToInt(Arrays::stream).allMatch(t -> t >= 0 && t < 10));
  }

  @Test
  void mismatchedInputsAreRefused() {
    Path out = dir.resolve("model.onnx");
    InvalidInputException v = assertThrows(InvalidInputException.class,
        () -> exporter.export(spec, TextSpec.defaults(), vocab(9), params, out));
    assertTrue(v.getMessage().contains("vocabulary has 9 tokens but the model expects 10"), v.getMessage());
    ModelSpec other = spec.toBuilder().hidden(5).build();
    InvalidInputException p = assertThrows(InvalidInputException.class,
        () -> exporter.export(other, TextSpec.defaults(), vocab(10), params, out));
    assertTrue(p.getMessage().contains("of shape"), p.getMessage());
    assertThrows(InvalidInputException.class, () -> new Verification(0, 5, 1, 1e-4, true));
    assertThrows(InvalidInputException.class, () -> Verification.standard().withThreshold(Double.NaN));
    assertFalse(Files.exists(out));
  }

  @Test
  void fusedOnRefusesACellWithoutAnOnnxOperator() {
    ModelSpec custom = ModelSpec.builder().cell("mgu").vocabSize(10).hidden(4).build();
    OnnxExporter strict = new OnnxExporter(Fixtures.cells(), FusedMode.ON, 1);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> strict.toBytes(custom, TextSpec.defaults(), vocab(10), Fixtures.randomParams(custom, 1)));
    assertTrue(e.getMessage().contains("no ONNX operator") && e.getMessage().contains("--fused auto"), e.getMessage());
  }
}
