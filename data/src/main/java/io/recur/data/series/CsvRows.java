package io.recur.data.series;

import io.recur.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file as rows of fields, each with its 1-based line number. Reads at most a given number
 * of bytes of a regular file, decodes UTF-8 strictly (an invalid byte is an error, never a
 * replacement character), drops a byte-order mark, accepts {@code \n}, {@code \r\n} and
 * {@code \r} line ends and skips blank lines. Fields are comma-separated; unquoted ones are
 * trimmed; a field in double quotes keeps its text and may hold commas, with {@code ""} for a
 * quote; a quoted field cannot span lines.
 */
final class CsvRows {
  /** One non-blank line: {@code line} is 1-based, counting blank lines too. */
  record Row(int line, List<String> fields) {}

  private CsvRows() {}

  /** @throws InvalidInputException if the file is missing, not a regular file, over {@code maxBytes}, empty or not UTF-8 */
  static List<Row> read(Path file, long maxBytes) {
    String source = file.toString();
    if (!Files.exists(file)) {
      throw new InvalidInputException("series file " + source + " does not exist; pass the path of a CSV file");
    }
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(source + " is a directory, not a CSV file; pass the path of a CSV file");
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(source + " is not a regular file (a device, pipe or socket); pass the path of a CSV file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
    } catch (IOException e) {
      throw new InvalidInputException("cannot read series file " + source + " (" + e.getMessage() + "); pass a readable CSV file", e);
    }
    if (bytes.length > maxBytes) {
      throw new InvalidInputException(source + " is larger than the " + (maxBytes >> 20) + " MB limit for a series file; "
          + "pass a smaller CSV file (keep the rows you need)");
    }
    return parse(decode(bytes, source), source);
  }

  private static String decode(byte[] bytes, String source) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int at = in.position();
      int line = 1;
      for (int i = 0; i < at; i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      throw new InvalidInputException(String.format("%s is not UTF-8 (invalid byte 0x%02X on line %d, byte offset %d); "
          + "convert it, e.g. iconv -f latin1 -t utf-8", source, bytes[at] & 0xFF, line, at));
    }
    decoder.flush(out);
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
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
