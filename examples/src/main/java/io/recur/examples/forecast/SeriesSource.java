package io.recur.examples.forecast;

import io.recur.core.util.Rng;
import io.recur.data.series.CsvSeries;
import io.recur.data.series.LoadedSeries;
import io.recur.data.series.MissingValues;
import io.recur.data.series.Series;
import io.recur.data.series.SineSeries;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * The series {@code recur forecast} reads and where its held-out part begins: the textbook's noisy
 * sine ({@value #SINE_LENGTH} points, the first {@value #SINE_TRAINING} for training) or a column of
 * a CSV file (the last {@value #DEFAULT_HELD_OUT} held out), either split by a held-out fraction
 * when one is given.
 *
 * @param series the whole series
 * @param interpolated how many missing values were filled
 * @param trainLength {@code n}: the training part is {@code x[0 … n−1]}, the first forecast origin is n
 */
public record SeriesSource(Series series, int interpolated, int trainLength) {
  public static final String SINE = "sine";
  public static final int SINE_LENGTH = 1000;
  public static final int SINE_TRAINING = 600;
  public static final double DEFAULT_HELD_OUT = 0.2;

  /** The sine with noise drawn from {@code seed}. */
  public static SeriesSource sine(long seed, OptionalDouble heldOut) {
    Series s = new Series(SINE, SineSeries.generate(SINE_LENGTH, new Rng(seed).fork("sine")));
    return new SeriesSource(s, 0, heldOut.isPresent() ? s.splitTail(heldOut.getAsDouble()).index() : SINE_TRAINING);
  }

  /**
   * One column of a CSV file (by name or number; {@code null}: the last numeric one).
   *
   * @throws io.recur.core.InvalidInputException for a bad file, column or value, or fewer than {@code minRows} rows
   */
  public static SeriesSource csv(Path file, String column, MissingValues missing, int minRows, OptionalDouble heldOut) {
    CsvSeries reader = CsvSeries.reader().missing(missing).minRows(minRows);
    LoadedSeries read = (column == null ? reader : reader.column(column)).read(file);
    Series s = read.only();
    return new SeriesSource(s, read.interpolated(), s.splitTail(heldOut.orElse(DEFAULT_HELD_OUT)).index());
  }

  /** The values {@code x[0 … n−1]}. */
  public double[] train() {
    return Arrays.copyOf(series.values(), trainLength);
  }
}
