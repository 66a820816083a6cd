package io.recur.examples.listeners;

import io.recur.core.model.Objective;
import io.recur.core.train.EpochReport;
import io.recur.core.train.TrainingListener;
import io.recur.core.train.TrainingRun;
import io.recur.core.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes the perplexity curve (training and held-out, per epoch, including epochs before a
 * resume) as a PNG after every epoch, atomically, so the file is always a complete plot.
 */
public final class PerplexityPlot implements TrainingListener {
  private final Path file;
  private final String title;

  public PerplexityPlot(Path file, String title) {
    this.file = file;
    this.title = title;
  }

  @Override
  public void onEpochEnd(TrainingRun run, EpochReport epoch) {
    write(chart(run.history()));
  }

  XYChart chart(List<EpochReport> history) {
    String metric = history.isEmpty() || history.get(0).objective() == Objective.CROSS_ENTROPY ? "perplexity"
        : "mean squared error (scaled)";
    XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("epoch").yAxisTitle(metric).build();
    double[] epochs = history.stream().mapToDouble(EpochReport::epoch).toArray();
    chart.addSeries("train", epochs, history.stream().mapToDouble(EpochReport::trainMetric).toArray())
        .setMarker(SeriesMarkers.CIRCLE);
    List<EpochReport> withVal = history.stream().filter(e -> !Double.isNaN(e.validationLoss())).toList();
    if (!withVal.isEmpty()) {
      chart.addSeries("held-out", withVal.stream().mapToDouble(EpochReport::epoch).toArray(),
          withVal.stream().mapToDouble(EpochReport::validationMetric).toArray()).setMarker(SeriesMarkers.DIAMOND);
    }
    return chart;
  }

  private void write(XYChart chart) {
    try {
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      AtomicFiles.write(file, out -> out.write(png));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write plot " + file + ": " + e.getMessage(), e);
    }
  }
}
