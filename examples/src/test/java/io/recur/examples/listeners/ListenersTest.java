package io.recur.examples.listeners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.model.Objective;
import io.recur.core.train.BatchReport;
import io.recur.core.train.EpochReport;
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingRun;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenersTest {
  private static final TrainingRun RESUMED = new TrainingRun(TrainingConfig.defaults().withEpochs(4),
      Objective.CROSS_ENTROPY, null, 3, List.of(epoch(1, 9.0, 8.5, 1120, 1), epoch(2, 7.0, 7.2, 1120, 1),
          epoch(3, 6.0, 6.5, 1120, 1)));

  private static EpochReport epoch(int e, double trainPpl, double valPpl, long tokens, double seconds) {
    return new EpochReport(e, Objective.CROSS_ENTROPY, Math.log(trainPpl), Math.log(valPpl), 1, tokens, seconds);
  }

  @Test
  void plotIsAPngOfEveryEpochIncludingThoseBeforeAResume(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("ppl.png");
    PerplexityPlot plot = new PerplexityPlot(png, "lstm");
    plot.onEpochEnd(RESUMED, RESUMED.history().get(2));
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(800, img.getWidth());
    assertEquals(500, img.getHeight());
    var chart = plot.chart(RESUMED.history());
    assertEquals(3, chart.getSeriesMap().get("train").getXData().length);
    assertEquals(3, chart.getSeriesMap().get("held-out").getYData().length);
  }

  @Test
  void progressWithoutATerminalPrintsOneLinePerEpoch() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressListener p = new ProgressListener(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    p.onBatchEnd(RESUMED, new BatchReport(3, 1, 2, 1.5, 0.9, 1120, 0.1));
    p.onBatchEnd(RESUMED, new BatchReport(3, 2, 2, 1.4, 0.8, 1120, 0.2));
    p.onEpochEnd(RESUMED, new EpochReport(3, Objective.CROSS_ENTROPY, Math.log(4.2), Math.log(4.5), 0.5, 2240, 0.2));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(1, text.lines().count(), text);
    assertTrue(text.contains("epoch 3/4") && text.contains("train ppl 4.2000") && text.contains("val ppl 4.5000")
        && text.contains("11,200 tok/s"), text);
  }

  @Test
  void progressWithoutATerminalAddsALineEveryThirtySecondsOfALongEpoch() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressListener p = new ProgressListener(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    double[] seconds = {10, 29.9, 31, 45, 95, 100};
    for (int i = 0; i < seconds.length; i++) {
      p.onBatchEnd(RESUMED, new BatchReport(3, i + 1, seconds.length, Math.log(5), 1, 1000, seconds[i]));
    }
    p.onEpochEnd(RESUMED, epoch(3, 5, 5.5, 6000, 100));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(List.of("epoch 3/4  minibatch 3/6  ppl 5.000  97 tok/s", "epoch 3/4  minibatch 5/6  ppl 5.000  53 tok/s"),
        lines.subList(0, 2));
    assertEquals(3, lines.size(), "then the epoch's summary, and no line for the last minibatch");
  }
}
