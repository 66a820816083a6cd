package io.recur.data.series;

import java.util.List;

/**
 * The series read from one file: one per value column, in the order asked for, each with how
 * many of its missing values were interpolated (0 under {@link MissingValues#ERROR}).
 */
public record LoadedSeries(List<Column> columns) {
  /** One value column: its series and the number of filled gaps' values. */
  public record Column(Series series, int interpolated) {}

  public LoadedSeries {
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("no columns");
    }
  }

  public List<Series> series() {
    return columns.stream().map(Column::series).toList();
  }

  /** The one series of a univariate read. */
  public Series only() {
    if (columns.size() != 1) {
      throw new IllegalStateException(columns.size() + " series were read, not one");
    }
    return columns.get(0).series();
  }

  /** Interpolated values over all columns. */
  public int interpolated() {
    return columns.stream().mapToInt(Column::interpolated).sum();
  }
}
