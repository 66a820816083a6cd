package io.recur.data.series;

import io.recur.core.InvalidInputException;
import io.recur.data.series.CsvRows.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one or more series from the columns of a CSV file; immutable, configured fluently:
 * {@code CsvSeries.reader().column("co2").minRows(tau + 1).read(path)}.
 *
 * <ul>
 *   <li><b>File</b>: a regular file of at most {@link #MAX_BYTES}, UTF-8 decoded strictly, a
 *       byte-order mark dropped, comma-separated, fields optionally in double quotes, blank lines
 *       skipped, every row with the same number of fields.
 *   <li><b>Header</b>: optional; the first row is a header when none of its cells is a number and
 *       one of them heads a column whose first value below is a number (or when it is the only row).
 *   <li><b>Value columns</b>: chosen by header name (exact, else ignoring case) or by 1-based
 *       number; by default the last column whose first value is a number. Numbers are decimal
 *       ({@code -1.5}, {@code 2e-3}); {@code NaN}, {@code Infinity} and text are refused.
 *   <li><b>Labels</b>: a column kept as text, one label per value, for a plot's x axis; unless
 *       chosen, the first column not holding values whose header is a time name ({@code date},
 *       {@code year}, …) or whose first value is not a number; none otherwise.
 *   <li><b>Missing values</b> are empty cells, handled by {@link MissingValues}.
 * </ul>
 *
 * Bad input is an {@link InvalidInputException} naming the file, line, column and value and the fix.
 */
public final class CsvSeries {
  /** The largest file read: 256 MB. */
  public static final long MAX_BYTES = 256L << 20;

  private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
  private static final Set<String> TIME_NAMES =
      Set.of("date", "time", "datetime", "timestamp", "year", "month", "week", "day", "period");
  private static final String PICK_VALUES = "pass --column NAME or a number from 1 to ";
  private static final String PICK_LABELS = "choose the label column by name or by a number from 1 to ";

  private final List<String> columns;
  private final String labelColumn;
  private final MissingValues missing;
  private final int minRows;

  private CsvSeries(List<String> columns, String labelColumn, MissingValues missing, int minRows) {
    this.columns = columns;
    this.labelColumn = labelColumn;
    this.missing = missing;
    this.minRows = minRows;
  }

  /** The last numeric column, labels detected, gaps interpolated, at least one row. */
  public static CsvSeries reader() {
    return new CsvSeries(List.of(), null, MissingValues.INTERPOLATE, 1);
  }

  /** Reads the one column named (or numbered, from 1) {@code column}. */
  public CsvSeries column(String column) {
    return columns(List.of(column));
  }

  /** Reads these columns, in this order: one series each, for multivariate input. */
  public CsvSeries columns(List<String> columns) {
    if (columns.isEmpty() || columns.stream().anyMatch(String::isBlank) || Set.copyOf(columns).size() != columns.size()) {
      throw new InvalidInputException("columns must be distinct, non-blank names or numbers (got " + columns
          + "); pass --column NAME");
    }
    return new CsvSeries(List.copyOf(columns), labelColumn, missing, minRows);
  }

  /** Keeps the column named (or numbered) {@code column} as the labels. */
  public CsvSeries labelColumn(String column) {
    return new CsvSeries(columns, column, missing, minRows);
  }

  public CsvSeries missing(MissingValues missing) {
    return new CsvSeries(columns, labelColumn, missing, minRows);
  }

  /** Refuses files with fewer data rows, e.g. {@code τ + 1} for an autoregressive model of order τ. */
  public CsvSeries minRows(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("minRows must be >= 1 (got " + rows + ")");
    }
    return new CsvSeries(columns, labelColumn, missing, rows);
  }

  /** @throws InvalidInputException for a bad file, as the class documentation lists */
  public LoadedSeries read(Path file) {
    return read(file, MAX_BYTES);
  }

  LoadedSeries read(Path file, long maxBytes) {
    return load(CsvRows.read(file, maxBytes), file.toString());
  }

  private LoadedSeries load(List<Row> rows, String source) {
    Row first = rows.get(0);
    int width = first.fields().size();
    for (Row row : rows) {
      if (row.fields().size() != width) {
        throw new InvalidInputException(source + " line " + row.line() + " has " + row.fields().size() + " fields but line "
            + first.line() + " has " + width + "; give every row the same columns (quote a field that holds a comma)");
      }
    }
    boolean header = isHeader(rows);
    Columns names = new Columns(source, header ? first.fields() : null, width);
    List<Row> data = rows.subList(header ? 1 : 0, rows.size());
    if (data.isEmpty()) {
      throw new InvalidInputException(source + " has a header row but no data rows; add one row of values per time step");
    }
    if (data.size() < minRows) {
      throw new InvalidInputException(source + " has " + data.size() + " data rows but at least " + minRows
          + " are needed (τ + 1 for an autoregressive model of order τ); pass a smaller --tau or a longer series");
    }
    int label = labelColumn == null ? -1 : names.resolve(labelColumn, PICK_LABELS);
    List<Integer> valueColumns = new ArrayList<>();
    if (columns.isEmpty()) {
      valueColumns.add(lastNumericColumn(data, width, label, names));
    }
    for (String column : columns) {
      int c = names.resolve(column, PICK_VALUES);
      if (c == label || valueColumns.contains(c)) {
        throw new InvalidInputException(source + " " + names.describe(c) + " is chosen twice (as values or labels); "
            + PICK_VALUES + width + " naming each column once");
      }
      valueColumns.add(c);
    }
    if (labelColumn == null) {
      label = detectLabels(data, width, valueColumns, names);
    }
    return new LoadedSeries(series(data, valueColumns, label, names));
  }

  private List<LoadedSeries.Column> series(List<Row> data, List<Integer> valueColumns, int label, Columns names) {
    double[][] values = new double[valueColumns.size()][data.size()];
    for (int t = 0; t < data.size(); t++) {
      Row row = data.get(t);
      for (int j = 0; j < valueColumns.size(); j++) {
        int c = valueColumns.get(j);
        String cell = row.fields().get(c).strip();
        if (!cell.isEmpty()) {
          values[j][t] = number(cell, row.line(), c, names);
        } else if (missing == MissingValues.ERROR) {
          throw new InvalidInputException(names.source() + " line " + row.line() + ", " + names.describe(c)
              + ": an empty cell (a missing value); fill it in or pass --missing interpolate");
        } else {
          values[j][t] = Double.NaN;
        }
      }
    }
    List<String> labels = label < 0 ? List.of() : data.stream().map(r -> r.fields().get(label)).toList();
    List<LoadedSeries.Column> result = new ArrayList<>();
    for (int j = 0; j < valueColumns.size(); j++) {
      int c = valueColumns.get(j);
      int filled = MissingValues.interpolate(values[j]);
      if (filled < 0) {
        throw new InvalidInputException(names.source() + " " + names.describe(c) + " has only empty cells; "
            + PICK_VALUES + names.width() + " for a column with values");
      }
      result.add(new LoadedSeries.Column(new Series(names.name(c), values[j], labels), filled));
    }
    return result;
  }

  private static double number(String cell, int line, int column, Columns names) {
    String problem = "is not a number";
    if (NUMBER.matcher(cell).matches()) {
      double value = Double.parseDouble(cell);
      if (Double.isFinite(value)) {
        return value;
      }
      problem = "is out of the range of a double";
    }
    String shown = cell.length() > 40 ? cell.substring(0, 40) + "…" : cell;
    throw new InvalidInputException(names.source() + " line " + line + ", " + names.describe(column) + ": \"" + shown + "\" "
        + problem + "; correct it, leave the cell empty to mark a missing value, or " + PICK_VALUES + names.width());
  }

  private static boolean isNumber(String cell) {
    return NUMBER.matcher(cell.strip()).matches();
  }

  private static boolean isHeader(List<Row> rows) {
    boolean headsNumbers = false;
    List<String> first = rows.get(0).fields();
    for (int c = 0; c < first.size(); c++) {
      if (isNumber(first.get(c))) {
        return false;
      }
      headsNumbers |= !first.get(c).isBlank() && isNumber(firstValue(rows.subList(1, rows.size()), c));
    }
    return headsNumbers || rows.size() == 1;
  }

  /** The first non-empty cell of column {@code c}, or "". */
  private static String firstValue(List<Row> rows, int c) {
    for (Row row : rows) {
      String cell = row.fields().get(c).strip();
      if (!cell.isEmpty()) {
        return cell;
      }
    }
    return "";
  }

  private static int lastNumericColumn(List<Row> data, int width, int label, Columns names) {
    for (int c = width - 1; c >= 0; c--) {
      if (c != label && isNumber(firstValue(data, c))) {
        return c;
      }
    }
    throw new InvalidInputException(names.source() + " has no column of numbers (columns: " + names.list()
        + "); pass a CSV file with a number in each row of a column");
  }

  private static int detectLabels(List<Row> data, int width, List<Integer> valueColumns, Columns names) {
    for (int c = 0; c < width; c++) {
      if (valueColumns.contains(c)) {
        continue;
      }
      String value = firstValue(data, c);
      if (names.isTimeName(c) || !value.isEmpty() && !isNumber(value)) {
        return c;
      }
    }
    return -1;
  }

  /** The columns of one file: header names (or none), for lookups and messages. */
  private record Columns(String source, List<String> header, int width) {
    String name(int c) {
      return header == null ? "column " + (c + 1) : header.get(c).strip();
    }

    String describe(int c) {
      return header == null ? "column " + (c + 1) : "column \"" + name(c) + "\" (" + (c + 1) + ")";
    }

    String list() {
      if (header == null) {
        return "no header, numbers 1 to " + width;
      }
      List<String> named = new ArrayList<>();
      for (int c = 0; c < width; c++) {
        named.add((c + 1) + ": " + name(c));
      }
      return String.join(", ", named);
    }

    boolean isTimeName(int c) {
      return header != null && TIME_NAMES.contains(name(c).toLowerCase(Locale.ROOT));
    }

    int resolve(String selector, String fix) {
      if (header != null) {
        int exact = unique(selector, false);
        int c = exact >= 0 ? exact : unique(selector, true);
        if (c >= 0) {
          return c;
        }
      }
      if (selector.strip().matches("\\d{1,9}")) {
        int number = Integer.parseInt(selector.strip());
        if (number >= 1 && number <= width) {
          return number - 1;
        }
      }
      throw new InvalidInputException(source + " has no column \"" + selector + "\" (columns: " + list() + "); " + fix + width);
    }

    private int unique(String selector, boolean ignoreCase) {
      int found = -1;
      for (int c = 0; c < width; c++) {
        if (ignoreCase ? name(c).equalsIgnoreCase(selector.strip()) : name(c).equals(selector)) {
          if (found >= 0) {
            throw new InvalidInputException(source + " has two columns named \"" + selector + "\" (" + (found + 1) + " and "
                + (c + 1) + "); choose one by number from 1 to " + width);
          }
          found = c;
        }
      }
      return found;
    }
  }
}
