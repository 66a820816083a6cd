package io.recur.backend.onnx;

import com.google.inject.Inject;
import io.recur.backend.onnx.export.OnnxGraph;
import io.recur.backend.onnx.export.OnnxModelBuilder;
import io.recur.backend.onnx.export.RecurMetadata;
import io.recur.backend.onnx.runtime.OrtModel;
import io.recur.backend.onnx.runtime.OrtRuntime;
import io.recur.core.InvalidInputException;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import io.recur.core.cell.CellRegistry;
import io.recur.core.checkpoint.Provenance;
import io.recur.core.config.FusedMode;
import io.recur.core.config.RecurConfig;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;
import io.recur.core.util.AtomicFiles;
import io.recur.core.util.Rng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * Exports a language model to a self-contained {@code .onnx} file: the network, the recurrent
 * state as explicit inputs and outputs, and the spec, text spec, vocabulary and provenance in
 * its metadata. A verified export runs the bytes on ONNX Runtime against the source model's
 * logits <em>before</em> anything is written; the file then appears atomically, or not at all.
 */
public final class OnnxExporter {
  private final OnnxModelBuilder builder;
  private final FusedMode mode;
  private final int threads;

  @Inject
  public OnnxExporter(CellRegistry cells, RecurConfig config) {
    this(cells, config.fused(), OrtRuntime.threads(config.threads()));
  }

  /**
   * @param mode {@code AUTO}: ONNX's own operators for built-in cells, {@code Scan} for others;
   *     {@code OFF}: {@code Scan} for every cell; {@code ON}: only cells with an ONNX operator
   * @param threads ONNX Runtime threads for verification
   */
  public OnnxExporter(CellRegistry cells, FusedMode mode, int threads) {
    this.builder = new OnnxModelBuilder(cells, mode);
    this.mode = mode;
    this.threads = threads;
  }

  /** The model as the bytes of an {@code .onnx} file. */
  public byte[] toBytes(ModelSpec spec, TextSpec text, Vocab vocab, ParameterSet params) {
    if (vocab.size() != spec.vocabSize()) {
      throw new InvalidInputException("the vocabulary has " + vocab.size() + " tokens but the model expects "
          + spec.vocabSize() + "; export with the vocabulary the model was trained with");
    }
    Provenance provenance = Provenance.now("onnx", "Recur ONNX export, opset " + OnnxGraph.OPSET + ", IR "
        + OnnxGraph.IR_VERSION + ", recurrent layers: " + (mode == FusedMode.OFF ? "Scan" : "ONNX operators where built in"));
    return builder.build(spec, params, RecurMetadata.text(text, vocab, provenance)).toByteArray();
  }

  /** Writes the model to {@code out} atomically, without verification. */
  public ExportReport export(ModelSpec spec, TextSpec text, Vocab vocab, ParameterSet params, Path out) {
    byte[] bytes = toBytes(spec, text, vocab, params);
    write(out, bytes);
    return new ExportReport(out, bytes.length, OnnxGraph.OPSET, OnnxGraph.IR_VERSION, OptionalDouble.empty());
  }

  /**
   * Exports, verifies on ONNX Runtime against {@code reference}, and writes {@code out} atomically.
   *
   * @throws ExportVerificationException if {@code verification} is enforced and the logits differ
   *     by more than its threshold; then {@code out} is left as it was (absent or the old file)
   */
  public ExportReport export(ModelSpec spec, TextSpec text, Vocab vocab, ParameterSet params, Path out,
      ReferenceLogits reference, Verification verification) {
    byte[] bytes = toBytes(spec, text, vocab, params);
    double diff = maxAbsDiff(bytes, out + " (not yet written)", reference, verification);
    if (verification.enforce() && !(diff <= verification.threshold())) {
      throw new ExportVerificationException("the exported " + spec.cell() + " model's logits differ from the source's by "
          + diff + " (max_abs_diff) on a " + verification.batch() + "×" + verification.steps()
          + " probe batch, above the threshold " + verification.threshold() + "; " + out + " was not written", diff);
    }
    write(out, bytes);
    return new ExportReport(out, bytes.length, OnnxGraph.OPSET, OnnxGraph.IR_VERSION, OptionalDouble.of(diff));
  }

  /** Measures an existing {@code .onnx} file against {@code reference}: the largest absolute logit difference. */
  public double verify(Path file, ReferenceLogits reference, Verification verification) {
    try {
      return maxAbsDiff(Files.readAllBytes(file), file.toString(), reference, verification);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private double maxAbsDiff(byte[] onnx, String source, ReferenceLogits reference, Verification v) {
    try (OrtModel model = OrtModel.open(onnx, source, threads); InferenceSession session = model.newSession(v.batch())) {
      int[][] probe = probe(model.spec().vocabSize(), v);
      Logits actual = session.forward(probe);
      Logits expected = reference.forward(probe);
      if (expected.steps() != actual.steps() || expected.batch() != actual.batch() || expected.vocab() != actual.vocab()) {
        throw new IllegalArgumentException("the reference returned logits [" + expected.steps() + ", " + expected.batch()
            + ", " + expected.vocab() + "] for a probe that needs [" + actual.steps() + ", " + actual.batch() + ", "
            + actual.vocab() + "]");
      }
      double max = 0;
      for (int i = 0; i < actual.data().length; i++) {
        double d = Math.abs((double) actual.data()[i] - expected.data()[i]);
        if (Double.isNaN(d)) {
          return Double.NaN;
        }
        max = Math.max(max, d);
      }
      return max;
    }
  }

  /** Random token ids {@code [batch][steps]}, reproducible from the verification's seed. */
  static int[][] probe(int vocab, Verification v) {
    Rng rng = new Rng(v.seed());
    int[][] tokens = new int[v.batch()][v.steps()];
    for (int[] row : tokens) {
      for (int t = 0; t < row.length; t++) {
        row[t] = rng.nextInt(vocab);
      }
    }
    return tokens;
  }

  private static void write(Path out, byte[] bytes) {
    try {
      AtomicFiles.write(out, o -> o.write(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }
}
