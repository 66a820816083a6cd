package io.recur.examples.forecast;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The x axis of a series plot, from the series' labels: dates ({@code 19580329},
 * {@code 1958-03-29}) become fractional years, numbers (a year column) stay numbers, and anything
 * else — or no labels — gives the time index t = 0 … T−1.
 *
 * @param title the axis title
 * @param x {@code [T]}
 */
public record TimeAxis(String title, double[] x) {
  /** The title of an axis of dates, in fractional years. */
  public static final String YEAR = "year";

  private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
  private static final Pattern BASIC_DATE = Pattern.compile("\\d{8}");

  public TimeAxis {
    x = x.clone();
  }

  @Override
  public double[] x() {
    return x.clone();
  }

  /** The axis of {@code length} values labelled {@code labels} (empty: none). */
  public static TimeAxis of(List<String> labels, int length) {
    if (labels.size() == length && length > 0) {
      double[] dates = dates(labels);
      if (dates != null) {
        return new TimeAxis(YEAR, dates);
      }
      if (labels.stream().allMatch(l -> NUMBER.matcher(l.strip()).matches())) {
        return new TimeAxis("time", labels.stream().mapToDouble(l -> Double.parseDouble(l.strip())).toArray());
      }
    }
    double[] index = new double[length];
    for (int t = 0; t < length; t++) {
      index[t] = t;
    }
    return new TimeAxis("t", index);
  }

  /** Fractional years of date labels, or {@code null} unless every label is a date. */
  private static double[] dates(List<String> labels) {
    double[] years = new double[labels.size()];
    for (int i = 0; i < years.length; i++) {
      String l = labels.get(i).strip();
      try {
        LocalDate d = BASIC_DATE.matcher(l).matches() ? LocalDate.parse(l, DateTimeFormatter.BASIC_ISO_DATE)
            : LocalDate.parse(l, DateTimeFormatter.ISO_LOCAL_DATE);
        years[i] = d.getYear() + (d.getDayOfYear() - 1) / (double) d.lengthOfYear();
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return years;
  }
}
