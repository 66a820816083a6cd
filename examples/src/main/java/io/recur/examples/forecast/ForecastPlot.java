package io.recur.examples.forecast;

import io.recur.core.util.AtomicFiles;
import io.recur.data.series.Forecast;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The textbook's forecasting picture as a PNG: the series, and the k-step-ahead predictions for the
 * horizons asked for (1-step included) from every origin, so that the k-step curve at time t is the
 * forecast of x_t made from the values up to t − k; a vertical line marks where the held-out part
 * begins. Written atomically.
 */
public final class ForecastPlot {
  private ForecastPlot() {}

  /**
   * @param values the series, {@code [T]}
   * @param axis its x axis
   * @param heldOut the index of the first held-out value
   * @param forecast forecasts from every origin (e.g. τ … T−1) to at least the largest of {@code horizons}
   * @param horizons the k of each plotted curve
   */
  public static XYChart chart(String title, double[] values, TimeAxis axis, int heldOut, Forecast forecast, List<Integer> horizons) {
    XYChart chart = new XYChartBuilder().width(800).height(400).title(title).xAxisTitle(axis.title()).yAxisTitle("x").build();
    chart.getStyler().setXAxisDecimalPattern(axis.title().equals(TimeAxis.YEAR) ? "0" : "#.##");
    double[] x = axis.x();
    XYSeries data = chart.addSeries("series", x, values);
    data.setMarker(SeriesMarkers.NONE);
    data.setLineColor(Color.LIGHT_GRAY);
    data.setLineWidth(1f);
    for (int k : horizons) {
      int from = forecast.firstTarget(k);
      XYSeries s = chart.addSeries(k + "-step", Arrays.copyOfRange(x, from, values.length), forecast.predictions(k));
      s.setMarker(SeriesMarkers.NONE);
      s.setLineWidth(1.2f);
    }
    double min = Arrays.stream(values).min().orElseThrow();
    double max = Arrays.stream(values).max().orElseThrow();
    XYSeries split = chart.addSeries("held out from here", new double[] {x[heldOut], x[heldOut]}, new double[] {min, max});
    split.setMarker(SeriesMarkers.NONE);
    split.setLineStyle(SeriesLines.DASH_DASH);
    split.setLineColor(Color.BLACK);
    return chart;
  }

  public static void write(Path file, XYChart chart) {
    try {
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      AtomicFiles.write(file, out -> out.write(png));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write plot " + file + ": " + e.getMessage(), e);
    }
  }
}
