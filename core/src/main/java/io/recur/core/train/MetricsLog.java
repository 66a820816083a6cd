package io.recur.core.train;

import com.google.gson.JsonObject;
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
 * flushed when written.
 */
public final class MetricsLog implements TrainingListener {
  private final Path file;

  public MetricsLog(Path file) {
    this.file = file;
  }

  @Override
  public void onEpochEnd(TrainingRun run, EpochReport e) {
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
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND)) {
        w.write(o.toString());
        w.newLine();
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot append to metrics log " + file, ex);
    }
  }
}
