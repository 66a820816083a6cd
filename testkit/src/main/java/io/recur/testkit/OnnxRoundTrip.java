package io.recur.testkit;

import io.recur.backend.onnx.OnnxExporter;
import io.recur.backend.onnx.Verification;
import io.recur.core.config.FusedMode;
import io.recur.core.sequence.TextSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cell's {@link TinyModel} exported to ONNX (a built-in cell as ONNX's own operator, any other
 * as a {@code Scan} over its step) and run on ONNX Runtime: its logits on the exporter's standard
 * probe batch against the float64 reference, within {@value #TOLERANCE}.
 */
final class OnnxRoundTrip {
  static final double TOLERANCE = Verification.THRESHOLD;

  private OnnxRoundTrip() {}

  static void run(CellUnderTest c) {
    TinyModel m = new TinyModel(c);
    OnnxExporter exporter = new OnnxExporter(c.registry(), FusedMode.AUTO, 1);
    Path file = null;
    try {
      byte[] bytes;
      try {
        bytes = exporter.toBytes(m.spec, TextSpec.defaults(), m.vocab(), m.params);
      } catch (RuntimeException e) {
        throw new AssertionError("cell '" + c.name() + "' cannot be exported to ONNX: " + e.getMessage(), e);
      }
      file = Files.createTempFile("recur-testkit-", ".onnx");
      Files.write(file, bytes);
      double diff = exporter.verify(file, m::referenceLogits, Verification.standard());
      if (!(diff <= TOLERANCE)) {
        throw new AssertionError("cell '" + c.name() + "' exported to ONNX: ONNX Runtime's logits differ from the float64 "
            + "reference's by " + Values.number(diff) + " (max_abs_diff on a " + Verification.standard().batch() + "×"
            + Verification.standard().steps() + " probe; tolerance " + TOLERANCE + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (file != null) {
        file.toFile().delete();
      }
    }
  }
}
