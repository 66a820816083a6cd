package io.recur.core.train;

import com.google.gson.JsonObject;
import io.recur.core.util.AtomicFiles;
import io.recur.core.util.TextFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one JSON object per epoch to a file (JSON lines): epoch, the training and held-out
 * metric under its own name ({@code train_ppl}/{@code val_ppl}, or {@code train_mse}/{@code val_mse}),
 * learning rate, elements ({@code tokens} or {@code values}), seconds and throughput. Each line is
 * flushed when written. The log holds the run's epochs only: it is rewritten when training begins.
 */
public final class MetricsLog implements TrainingListener {
  private final Path file;

  public MetricsLog(Path file) {
    this.file = file;
  }

  /**
   * Starts the log afresh with the epochs the run has already finished (none for a new run; a
   * resumed run's checkpoint history), replacing the file atomically: the log then matches the
   * checkpoint even if an earlier run died between appending a line and saving its checkpoint.
   */
  @Override
  public void onTrainingBegin(TrainingRun run) {
    StringBuilder lines = new StringBuilder();
    run.history().forEach(e -> lines.append(line(e)).append('\n'));
    try {
      AtomicFiles.writeString(file, lines.toString());
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write metrics log " + file + ": " + TextFiles.reason(ex), ex);
    }
  }

  @Override
  public void onEpochEnd(TrainingRun run, EpochReport e) {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND)) {
      w.write(line(e));
      w.newLine();
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot append to metrics log " + file + ": " + TextFiles.reason(ex), ex);
    }
  }

  private static String line(EpochReport e) {
    String metric = e.objective().metricName();
    String unit = e.objective() == io.recur.core.model.Objective.CROSS_ENTROPY ? "tokens" : "values";
    JsonObject o = new JsonObject();
    o.addProperty("epoch", e.epoch());
    o.addProperty("train_" + metric, e.trainMetric());
    if (!Double.isNaN(e.validationLoss())) {
      o.addProperty("val_" + metric, e.validationMetric());
    }
    o.addProperty("lr", e.learningRate());
    o.addProperty(unit, e.count());
    o.addProperty("seconds", e.seconds());
    o.addProperty(unit + "_per_s", e.throughput());
    return o.toString();
  }
}
