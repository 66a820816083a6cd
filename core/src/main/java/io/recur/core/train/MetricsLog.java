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
 * Appends one JSON object per epoch to a file (JSON lines): epoch, perplexities, learning rate,
 * tokens, seconds, tokens per second. Each line is flushed when written.
 */
public final class MetricsLog implements TrainingListener {
  private final Path file;

  public MetricsLog(Path file) {
    this.file = file;
  }

  @Override
  public void onEpochEnd(TrainingRun run, EpochReport e) {
    JsonObject o = new JsonObject();
    o.addProperty("epoch", e.epoch());
    o.addProperty("train_ppl", e.trainPerplexity());
    if (!Double.isNaN(e.validationPerplexity())) {
      o.addProperty("val_ppl", e.validationPerplexity());
    }
    o.addProperty("lr", e.learningRate());
    o.addProperty("tokens", e.tokens());
    o.addProperty("seconds", e.seconds());
    o.addProperty("tokens_per_s", e.tokensPerSecond());
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
