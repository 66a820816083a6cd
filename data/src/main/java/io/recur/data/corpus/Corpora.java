package io.recur.data.corpus;

import io.recur.core.InvalidInputException;
import io.recur.core.util.TextFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a corpus by name or path. {@code timemachine} is H. G. Wells's <i>The Time Machine</i>
 * (public domain), the edition of the <i>Dive into Deep Learning</i> chapters, bundled as a
 * resource; anything else is read as the path of a UTF-8 text file. Text is decoded strictly
 * (an invalid byte is an error, never a replacement character) and line ends {@code \r\n} and
 * {@code \r} become {@code \n}, as Python's text mode reads them. A byte-order mark is dropped (it is
 * no token); only regular files of at most {@link #MAX_BYTES} are read ({@link TextFiles}).
 */
public final class Corpora {
  /** The bundled corpora. */
  public static final List<String> NAMES = List.of("timemachine");

  /** The largest corpus file read (1 GiB); a larger one is refused before it is read. */
  public static final long MAX_BYTES = 1L << 30;

  private Corpora() {}

  /**
   * @throws InvalidInputException if the file is missing, a directory, a special file, too large,
   *     empty, binary (holds a NUL byte) or not UTF-8; the message names the file, the offending
   *     byte offset and the fix
   */
  public static String load(String nameOrPath) {
    return load(nameOrPath, "--corpus");
  }

  /** {@link #load(String)} for a corpus given with {@code option} ({@code --val-corpus}), which messages name. */
  public static String load(String nameOrPath, String option) {
    if (NAMES.contains(nameOrPath)) {
      return bundled(nameOrPath);
    }
    return read(Path.of(nameOrPath), option);
  }

  /** Reads a UTF-8 text file with the checks of {@link #load}. */
  public static String read(Path file) {
    return read(file, "--corpus");
  }

  private static String read(Path file, String option) {
    String fix = "pass " + option + " timemachine or the path of a UTF-8 text file";
    if (!Files.exists(file)) {
      throw new InvalidInputException("corpus file " + file + " does not exist (bundled corpora: " + NAMES + "); " + fix);
    }
    return decode(TextFiles.readBytes(file, MAX_BYTES, "corpus file", fix), file.toString());
  }

  /**
   * Decodes {@code bytes} as UTF-8 text ({@link TextFiles#decode}: strict, NUL bytes refused, a
   * byte-order mark dropped) and normalises line ends.
   *
   * @param source the file name for error messages
   */
  static String decode(byte[] bytes, String source) {
    String text = TextFiles.decode(bytes, "corpus file " + source);
    if (text.isEmpty()) {
      throw new InvalidInputException("corpus file " + source + " is empty; pass a non-empty UTF-8 text file");
    }
    return normalizeLineEnds(text);
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
