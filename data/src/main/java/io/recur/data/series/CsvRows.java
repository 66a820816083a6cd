package io.recur.data.series;

import io.recur.core.InvalidInputException;
import io.recur.core.util.TextFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file as rows of fields, each with its 1-based line number. Reads the file with
 * {@link TextFiles} (a regular file of at most a given number of bytes, strict UTF-8, a
 * byte-order mark dropped), accepts {@code \n}, {@code \r\n} and
 * {@code \r} line ends and skips blank lines. Fields are comma-separated; unquoted ones are
 * trimmed; a field in double quotes keeps its text and may hold commas, with {@code ""} for a
 * quote; a quoted field cannot span lines.
 */
final class CsvRows {
  /** One non-blank line: {@code line} is 1-based, counting blank lines too. */
  record Row(int line, List<String> fields) {}

  private CsvRows() {}

  /**
   * @throws InvalidInputException if the file is missing, not a regular file, over {@code maxBytes},
   *     binary, not UTF-8 ({@link TextFiles}) or empty
   */
  static List<Row> read(Path file, long maxBytes) {
    return parse(TextFiles.readUtf8(file, maxBytes, "series file", "pass the path of a CSV file"), file.toString());
  }

  /** @throws InvalidInputException if the text has no non-blank line or a quoted field is malformed */
  static List<Row> parse(String text, String source) {
    List<Row> rows = new ArrayList<>();
    int line = 0;
    int start = 0;
    while (start < text.length()) {
      int end = start;
      while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
        end++;
      }
      line++;
      String content = text.substring(start, end);
      if (!content.isBlank()) {
        rows.add(new Row(line, fields(content, source, line)));
      }
      start = end + (text.startsWith("\r\n", end) ? 2 : 1);
    }
    if (rows.isEmpty()) {
      throw new InvalidInputException("series file " + source + " is empty; pass a CSV file with one value per row "
          + "(a header row is optional)");
    }
    return rows;
  }

  private static List<String> fields(String line, String source, int lineNumber) {
    List<String> fields = new ArrayList<>();
    int i = 0;
    while (true) {
      while (i < line.length() && isBlank(line.charAt(i))) {
        i++;
      }
      if (i < line.length() && line.charAt(i) == '"') {
        StringBuilder field = new StringBuilder();
        i++;
        while (true) {
          if (i >= line.length()) {
            throw new InvalidInputException(source + " line " + lineNumber + ": field " + (fields.size() + 1)
                + " opens a quote that the line does not close; close it (a quoted field cannot span lines)");
          }
          char c = line.charAt(i++);
          if (c != '"') {
            field.append(c);
          } else if (i < line.length() && line.charAt(i) == '"') {
            field.append('"');
            i++;
          } else {
            break;
          }
        }
        while (i < line.length() && isBlank(line.charAt(i))) {
          i++;
        }
        if (i < line.length() && line.charAt(i) != ',') {
          throw new InvalidInputException(source + " line " + lineNumber + ": text after the closing quote of field "
              + (fields.size() + 1) + "; write a quote inside a quoted field as \"\"");
        }
        fields.add(field.toString());
      } else {
        int comma = line.indexOf(',', i);
        int end = comma < 0 ? line.length() : comma;
        fields.add(line.substring(i, end).strip());
        i = end;
      }
      if (i >= line.length()) {
        return fields;
      }
      i++; // the comma
    }
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}
