package io.recur.data.corpus;

import io.recur.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a corpus by name or path. {@code timemachine} is H. G. Wells's <i>The Time Machine</i>
 * (public domain), the edition of the <i>Dive into Deep Learning</i> chapters, bundled as a
 * resource; anything else is read as the path of a UTF-8 text file. Text is decoded strictly
 * (an invalid byte is an error, never a replacement character) and line ends {@code \r\n} and
 * {@code \r} become {@code \n}, as Python's text mode reads them.
 */
public final class Corpora {
  /** The bundled corpora. */
  public static final List<String> NAMES = List.of("timemachine");

  private static final String FIX = "pass --corpus timemachine or the path of a UTF-8 text file";

  private Corpora() {}

  /**
   * @throws InvalidInputException if the file is missing, a directory, empty, binary (holds a
   *     NUL byte) or not UTF-8; the message names the file, the offending byte offset and the fix
   */
  public static String load(String nameOrPath) {
    if (NAMES.contains(nameOrPath)) {
      return bundled(nameOrPath);
    }
    return read(Path.of(nameOrPath));
  }

  /** Reads a UTF-8 text file with the checks of {@link #load}. */
  public static String read(Path file) {
    if (!Files.exists(file)) {
      throw new InvalidInputException("corpus file " + file + " does not exist (bundled corpora: " + NAMES + "); " + FIX);
    }
    if (Files.isDirectory(file)) {
      throw new InvalidInputException("corpus path " + file + " is a directory, not a file; " + FIX);
    }
    byte[] bytes;
    try {
      if (Files.size(file) > Integer.MAX_VALUE - 16) {
        throw new InvalidInputException("corpus file " + file + " is larger than 2 GiB; split it or pass a smaller file");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read corpus file " + file + " (" + e.getMessage() + "); " + FIX, e);
    }
    return decode(bytes, file.toString());
  }

  /**
   * Decodes {@code bytes} as UTF-8 text.
   *
   * @param source the file name for error messages
   */
  static String decode(byte[] bytes, String source) {
    if (bytes.length == 0) {
      throw new InvalidInputException("corpus file " + source + " is empty; pass a non-empty UTF-8 text file");
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new InvalidInputException("corpus file " + source + " is binary, not text (a NUL byte at offset " + i
            + "); pass a UTF-8 text file");
      }
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int at = in.position();
      throw new InvalidInputException(String.format("corpus file %s is not UTF-8 (invalid byte 0x%02X at offset %d); "
          + "convert it, e.g. iconv -f latin1 -t utf-8", source, bytes[at] & 0xFF, at));
    }
    decoder.flush(out);
    out.flip();
    return normalizeLineEnds(out);
  }

  private static String normalizeLineEnds(CharSequence text) {
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        if (sb == null) {
          sb = new StringBuilder(text.length()).append(text, 0, i);
        }
        sb.append('\n');
        if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? text.toString() : sb.toString();
  }

  private static String bundled(String name) {
    try (InputStream in = Corpora.class.getResourceAsStream(name + ".txt")) {
      if (in == null) {
        throw new IllegalStateException("bundled corpus " + name + ".txt is missing from the data jar");
      }
      return decode(in.readAllBytes(), name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled corpus " + name, e);
    }
  }
}
