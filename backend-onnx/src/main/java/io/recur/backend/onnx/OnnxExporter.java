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
import io.recur.core.sequence.SeriesData;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;
import io.recur.core.util.AtomicFiles;
import io.recur.core.util.Rng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.ToDoubleBiFunction;

/**
 * Exports a model to a self-contained {@code .onnx} file: the network, the recurrent state as
 * explicit inputs and outputs, and in its metadata the spec, provenance and what the model reads
 * (a language model's text spec and vocabulary, a series model's {@link SeriesData}). A verified
 * export runs the bytes on ONNX Runtime against the source model's outputs (logits, or predicted
 * values) on a probe batch <em>before</em> anything is written; the file then appears atomically,
 * or not at all.
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

  /** A language model as the bytes of an {@code .onnx} file. */
  public byte[] toBytes(ModelSpec spec, TextSpec text, Vocab vocab, ParameterSet params) {
    if (vocab.size() != spec.vocabSize()) {
      throw new InvalidInputException("the vocabulary has " + vocab.size() + " tokens but the model expects "
          + spec.vocabSize() + "; export with the vocabulary the model was trained with");
    }
    return builder.build(spec, params, RecurMetadata.text(text, vocab, provenance())).toByteArray();
  }

  /** A series model as the bytes of an {@code .onnx} file. */
  public byte[] toBytes(ModelSpec spec, SeriesData series, ParameterSet params) {
    if (spec.task() != ModelSpec.Task.SERIES || series.features() != spec.features() || series.variables() != spec.outputs()) {
      throw new InvalidInputException("series data of tau " + series.tau() + " over " + series.variables()
          + " columns does not fit a " + spec.task().name().toLowerCase(Locale.ROOT) + " model reading "
          + spec.inputSize() + " values per step; export with the data the model was trained with");
    }
    return builder.build(spec, params, RecurMetadata.series(series, provenance())).toByteArray();
  }

  private Provenance provenance() {
    return Provenance.now("onnx", "Recur ONNX export, opset " + OnnxGraph.OPSET + ", IR "
        + OnnxGraph.IR_VERSION + ", recurrent layers: " + (mode == FusedMode.OFF ? "Scan" : "ONNX operators where built in"));
  }

  /** Writes the model to {@code out} atomically, without verification. */
  public ExportReport export(ModelSpec spec, TextSpec text, Vocab vocab, ParameterSet params, Path out) {
    byte[] bytes = toBytes(spec, text, vocab, params);
    write(out, bytes);
    return new ExportReport(out, bytes.length, OnnxGraph.OPSET, OnnxGraph.IR_VERSION, OptionalDouble.empty());
  }

  /**
   * Exports a language model, verifies it on ONNX Runtime against {@code reference} (the logits of
   * random tokens), and writes {@code out} atomically.
   *
   * @throws ExportVerificationException if {@code verification} is enforced and the logits differ
   *     by more than its threshold; then {@code out} is left as it was (absent or the old file)
   */
  public ExportReport export(ModelSpec spec, TextSpec text, Vocab vocab, ParameterSet params, Path out,
      ReferenceLogits reference, Verification verification) {
    return verifiedWrite(spec, toBytes(spec, text, vocab, params), out, verification, (model, session) -> {
      int[][] probe = probe(model.vocabSize(), verification);
      return maxAbsDiff(session.forward(probe), reference.forward(probe));
    });
  }

  /**
   * Exports a series model, verifies it on ONNX Runtime against {@code reference} (the predictions
   * for standard-normal values), and writes {@code out} atomically.
   *
   * @throws ExportVerificationException as for language models
   */
  public ExportReport export(ModelSpec spec, SeriesData series, ParameterSet params, Path out,
      ReferencePredictions reference, Verification verification) {
    return verifiedWrite(spec, toBytes(spec, series, params), out, verification, (model, session) -> {
      float[][][] probe = probeValues(model.features(), verification);
      return maxAbsDiff(session.forward(probe), reference.forward(probe));
    });
  }

  /** Measures an existing language model {@code .onnx} file against {@code reference}: the largest absolute logit difference. */
  public double verify(Path file, ReferenceLogits reference, Verification verification) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return measure(bytes, file.toString(), verification, (model, session) -> {
        int[][] probe = probe(model.vocabSize(), verification);
        return maxAbsDiff(session.forward(probe), reference.forward(probe));
      });
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
  /** Runs {@code bytes} on ONNX Runtime, compares, and writes {@code out} only within the threshold. */
  private ExportReport verifiedWrite(ModelSpec spec, byte[] bytes, Path out, Verification verification,
      ToDoubleBiFunction<ModelSpec, InferenceSession> compare) {
    double diff = measure(bytes, out + " (not yet written)", verification, compare);
    if (verification.enforce() && !(diff <= verification.threshold())) {
      throw new ExportVerificationException("the exported " + spec.cell() + " model's "
          + (spec.task() == ModelSpec.Task.LANGUAGE ? "logits" : "predictions") + " differ from the source's by "
          + diff + " (max_abs_diff) on a " + verification.batch() + "×" + verification.steps()
          + " probe batch, above the threshold " + verification.threshold() + "; " + out + " was not written", diff);
    }
    write(out, bytes);
    return new ExportReport(out, bytes.length, OnnxGraph.OPSET, OnnxGraph.IR_VERSION, OptionalDouble.of(diff));
  }

  /** {@code compare} on a fresh session of the probe's batch size over {@code onnx} loaded into ONNX Runtime. */
  private double measure(byte[] onnx, String source, Verification v, ToDoubleBiFunction<ModelSpec, InferenceSession> compare) {
    try (OrtModel model = OrtModel.open(onnx, source, threads); InferenceSession session = model.newSession(v.batch())) {
      return compare.applyAsDouble(model.spec(), session);
    }
  }

  /** The largest absolute difference of two outputs of one shape; NaN if either holds a NaN. */
  private static double maxAbsDiff(Logits actual, Logits expected) {
    if (expected.steps() != actual.steps() || expected.batch() != actual.batch() || expected.vocab() != actual.vocab()) {
      throw new IllegalArgumentException("the reference returned outputs [" + expected.steps() + ", " + expected.batch()
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

  /** Standard-normal values {@code [batch][steps][features]} (standardised data's range), reproducible from the seed. */
  static float[][][] probeValues(int features, Verification v) {
    Rng rng = new Rng(v.seed());
    float[][][] values = new float[v.batch()][v.steps()][features];
    for (float[][] row : values) {
      for (float[] step : row) {
        for (int f = 0; f < features; f++) {
          step[f] = (float) rng.nextGaussian();
        }
      }
    }
    return values;
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
