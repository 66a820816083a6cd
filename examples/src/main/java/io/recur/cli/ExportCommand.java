package io.recur.cli;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.inject.Injector;
import io.recur.backend.onnx.ExportReport;
import io.recur.backend.onnx.ExportVerificationException;
import io.recur.backend.onnx.OnnxExporter;
import io.recur.backend.onnx.Verification;
import io.recur.core.InvalidInputException;
import io.recur.core.backend.Backend;
import io.recur.core.backend.BackendSelector;
import io.recur.core.backend.Capability;
import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.InferenceSession;
import io.recur.core.checkpoint.Checkpoint;
import io.recur.core.checkpoint.CheckpointStore;
import io.recur.core.sequence.SeriesData;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recur export}: writes a checkpoint (a language or a series model) as a self-contained
 * {@code .onnx} file, verified before it is written: ONNX Runtime's outputs on a probe batch (4 ×
 * 32 random tokens, or standard-normal values) are compared with those of the checkpoint on the
 * source backend ({@code --backend}); above the tolerance the export fails with exit status 1 and
 * no file is written.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Export a checkpoint to ONNX (opset 17). The file is written only after ONNX Runtime's outputs (logits, "
        + "or a series model's predictions) on a probe batch match the source backend's within --tolerance (max_abs_diff); "
        + "otherwise exit 1 and no file.")
final class ExportCommand implements Callable<Integer> {
  /** The formats {@code --format} knows. */
  static final List<String> FORMATS = List.of("onnx");

  @Spec
  CommandSpec spec;

  @Mixin
  JsonOutput json;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "The checkpoint directory (written by recur train --out or recur forecast --out).")
  Path model;

  @Option(names = "--format", defaultValue = "onnx", paramLabel = "FORMAT", description = "The file format: onnx (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--out", required = true, paramLabel = "FILE.onnx", description = "The file to write (replaced atomically).")
  Path out;

  @Option(names = "--tolerance", paramLabel = "D", defaultValue = "1e-4",
      description = "The largest absolute output difference allowed between the export and the source backend (default: ${DEFAULT-VALUE}).")
  double tolerance;

  @Mixin
  BackendOptions backendOptions;

  @Override
  public Integer call() throws IOException {
    checkOptions();
    Checkpoint c = CheckpointStore.read(model);
    Injector injector = backendOptions.injector();
    BackendSelector backends = injector.getInstance(BackendSelector.class);
    Backend source = backends.select();
    if (!source.capabilities().contains(Capability.EXPORT_SOURCE)) {
      throw new InvalidInputException("export compares the ONNX file with the checkpoint on a source backend, and '"
          + source.name() + "' cannot be one; pass --backend " + String.join(" or ", backends.withCapability(Capability.EXPORT_SOURCE)));
    }
    OnnxExporter exporter = injector.getInstance(OnnxExporter.class);
    PrintWriter err = spec.commandLine().getErr();
    try (InferenceModel reference = source.openInference(c.spec(), c.params())) {
      Verification verification = Verification.standard().withThreshold(tolerance);
      ExportReport r = c.data() instanceof SeriesData series
          ? exporter.export(c.spec(), series, c.params(), out, values -> {
            try (InferenceSession s = reference.newSession(values.length)) {
              return s.forward(values);
            }
          }, verification)
          : exporter.export(c.spec(), c.text().text(), c.text().vocab(), c.params(), out, tokens -> {
            try (InferenceSession s = reference.newSession(tokens.length)) {
              return s.forward(tokens);
            }
          }, verification);
      err.printf("recur: wrote %s (%d bytes, opset %d); %s within %.3g of %s%n", out, r.bytes(), r.opset(),
          c.data() instanceof SeriesData ? "predictions" : "logits", r.maxAbsDiff().orElseThrow(), source.describe());
      json.print(spec.commandLine().getOut(), report(source, out, r.maxAbsDiff().orElseThrow(), r.bytes()));
      return 0;
    } catch (ExportVerificationException e) {
      err.println("recur: export failed verification: " + e.getMessage());
      if (json.enabled()) {
        json.print(spec.commandLine().getOut(), report(source, null, e.maxAbsDiff(), 0));
      }
      return Recur.EXIT_INTERNAL;
    }
  }

  private void checkOptions() {
    if (!FORMATS.contains(format)) {
      throw new InvalidInputException("unknown export format '" + format + "'; available: " + FORMATS + "; pass --format onnx");
    }
    if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
      throw new InvalidInputException("--out " + out + " lacks the .onnx extension, by which recur generate and recur eval "
          + "recognise model files; pass --out FILE.onnx");
    }
    if (Files.isDirectory(out)) {
      throw new InvalidInputException("--out " + out + " is a directory; pass --out FILE.onnx");
    }
    OutputPaths.file("--out", out);
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new InvalidInputException("tolerance must be >= 0 and finite (got " + tolerance + "); pass --tolerance D, e.g. 1e-4");
    }
    if (!Files.exists(model)) {
      throw new InvalidInputException("model " + model + " does not exist; pass the checkpoint directory written by 'recur train --out'");
    }
  }

  private JsonObject report(Backend source, Path written, double maxAbsDiff, long bytes) {
    JsonObject o = new JsonObject();
    if (written == null) {
      o.add("out", JsonNull.INSTANCE);
    } else {
      o.addProperty("out", written.toString());
    }
    o.addProperty("max_abs_diff", maxAbsDiff);
    o.addProperty("tolerance", tolerance);
    o.addProperty("format", format);
    o.addProperty("bytes", bytes);
    o.addProperty("backend", source.name());
    o.addProperty("compute", source.describe());
    o.addProperty("model", model.toString());
    return o;
  }
}
