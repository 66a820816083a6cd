package io.recur.core.util;

import io.recur.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one reader of the files a user hands Recur (corpora, series, config, vocabulary, checkpoint
 * manifests): a regular file only (a directory, device, pipe or socket is refused before a byte is
 * read, so {@code /dev/zero} cannot fill the heap), at most a given number of bytes, no NUL byte
 * (binary), strict UTF-8 (an invalid byte is an error, never a replacement character) with a
 * leading byte-order mark dropped. Every refusal is an {@link InvalidInputException} naming the
 * file, what is wrong (byte offset and line for bad bytes) and the caller's fix.
 */
public final class TextFiles {
  private TextFiles() {}

  /**
   * The bytes of a regular file of at most {@code maxBytes}.
   *
   * @param noun what the file is to the user ({@code "corpus file"}), for messages
   * @param fix what to do instead ({@code "pass the path of a UTF-8 text file"})
   */
  public static byte[] readBytes(Path file, long maxBytes, String noun, String fix) {
    String name = noun + " " + file;
    if (!Files.exists(file)) {
      throw new InvalidInputException(name + " does not exist; " + fix);
    }
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(name + " is a directory, not a file; " + fix);
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(name + " is not a regular file (a device, pipe or socket); " + fix);
    }
    byte[] bytes;
    try {
      if (Files.size(file) > maxBytes) {
        throw tooLarge(name, maxBytes);
      }
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + name + ": " + reason(e) + "; " + fix, e);
    }
    if (bytes.length > maxBytes) {
      throw tooLarge(name, maxBytes);
    }
    return bytes;
  }

  /** The text of a regular file of at most {@code maxBytes}: {@link #readBytes}, then {@link #decode}. */
  public static String readUtf8(Path file, long maxBytes, String noun, String fix) {
    return decode(readBytes(file, maxBytes, noun, fix), noun + " " + file);
  }

  /**
   * Decodes UTF-8 strictly, dropping a leading byte-order mark.
   *
   * @param source the file for messages ({@code "corpus file x.txt"})
   * @throws InvalidInputException for a NUL byte or an invalid UTF-8 sequence, naming its offset and line
   */
  public static String decode(byte[] bytes, String source) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new InvalidInputException(source + " is binary, not text (a NUL byte at offset " + i + ", line "
            + line(bytes, i) + "); pass a UTF-8 text file");
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
      throw new InvalidInputException(String.format("%s is not UTF-8 (invalid byte 0x%02X on line %d, byte offset %d); "
          + "convert it, e.g. iconv -f latin1 -t utf-8", source, bytes[at] & 0xFF, line(bytes, at), at));
    }
    decoder.flush(out);
    out.flip();
    if (out.length() > 0 && out.charAt(0) == '\uFEFF') {
      out.position(1);
    }
    return out.toString();
  }

  private static int line(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      line += bytes[i] == '\n' ? 1 : 0;
    }
    return line;
  }

  private static InvalidInputException tooLarge(String name, long maxBytes) {
    return new InvalidInputException(name + " is larger than the " + Bytes.format(maxBytes) + " limit; pass a smaller file"
        + " (split it, or keep the part you need)");
  }

  /** Why an I/O operation failed, in words: {@code permission denied}, else the exception's own message. */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
