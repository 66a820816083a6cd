package io.recur.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorporaTest {
  @TempDir
  Path dir;

  @Test
  void theBundledTimeMachineIsTheTextbooksEdition() {
    // ../shared/data/README.md: 178,887 bytes (all ASCII), 643 newlines, begins with the title line
    String text = Corpora.load("timemachine");
    assertEquals(178_887, text.length());
    assertEquals(643, text.chars().filter(c -> c == '\n').count());
    assertTrue(text.startsWith("The Time Machine, by H. G. Wells [1898]\n"));
  }

  @Test
  void aPathIsReadAsUtf8() throws IOException {
    Path f = Files.writeString(dir.resolve("t.txt"), "naïve café ✓\n", StandardCharsets.UTF_8);
    assertEquals("naïve café ✓\n", Corpora.load(f.toString()));
  }

  @Test
  void lineEndsAreNormalisedAsPythonsTextModeDoes() throws IOException {
    Path f = Files.writeString(dir.resolve("crlf.txt"), "a\r\nb\rc\n\r\n");
    assertEquals("a\nb\nc\n\n", Corpora.load(f.toString()));
  }

  @Test
  void aMissingFileNamesTheFileTheBundledCorporaAndTheFix() {
    Path f = dir.resolve("nope.txt");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Corpora.load(f.toString()));
    assertEquals("corpus file " + f + " does not exist (bundled corpora: [timemachine]); "
        + "pass --corpus timemachine or the path of a UTF-8 text file", e.getMessage());
  }

  @Test
  void aDirectoryIsRefused() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Corpora.load(dir.toString()));
    assertEquals("corpus file " + dir + " is a directory, not a file; pass --corpus timemachine or the path of a UTF-8 text file",
        e.getMessage());
  }

  @Test
  void anEmptyFileIsRefused() throws IOException {
    Path f = Files.createFile(dir.resolve("empty.txt"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Corpora.load(f.toString()));
    assertEquals("corpus file " + f + " is empty; pass a non-empty UTF-8 text file", e.getMessage());
  }

  @Test
  void aBinaryFileIsRefusedAtItsFirstNulByte() throws IOException {
    Path f = Files.write(dir.resolve("model.bin"), new byte[] {'P', 'K', 3, 4, 0, 0, 9});
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Corpora.load(f.toString()));
    assertEquals("corpus file " + f + " is binary, not text (a NUL byte at offset 4, line 1); pass a UTF-8 text file", e.getMessage());
  }

  @Test
  void latin1IsRefusedAtTheOffsetOfTheFirstInvalidByte() throws IOException {
    Path f = Files.write(dir.resolve("latin1.txt"), "abc café".getBytes(StandardCharsets.ISO_8859_1));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Corpora.load(f.toString()));
    assertEquals("corpus file " + f + " is not UTF-8 (invalid byte 0xE9 on line 1, byte offset 7); convert it, e.g. iconv -f latin1 -t utf-8",
        e.getMessage());
  }

  @Test
  void aMultiByteSequenceCutShortAtTheEndIsRefused() throws IOException {
    byte[] check = "ok ✓".getBytes(StandardCharsets.UTF_8);
    byte[] cut = java.util.Arrays.copyOf(check, check.length - 1);
    Path f = Files.write(dir.resolve("cut.txt"), cut);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Corpora.load(f.toString()));
    assertTrue(e.getMessage().contains("is not UTF-8 (invalid byte 0xE2 on line 1, byte offset 3)"), e.getMessage());
  }

  @Test
  void aByteOrderMarkIsNoText() throws IOException {
    Path f = Files.write(dir.resolve("bom.txt"), "\uFEFFab\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("ab\n", Corpora.load(f.toString()));
    Path only = Files.write(dir.resolve("bom-only.txt"), "\uFEFF".getBytes(StandardCharsets.UTF_8));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Corpora.load(only.toString()));
    assertTrue(e.getMessage().contains("is empty"), e.getMessage());
  }

  @Test
  void aSpecialFileIsRefusedBeforeAByteIsRead() {
    Path zero = Path.of("/dev/zero");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero), "no /dev/zero on this system");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Corpora.load(zero.toString()));
    assertEquals("corpus file /dev/zero is not a regular file (a device, pipe or socket); "
        + "pass --corpus timemachine or the path of a UTF-8 text file", e.getMessage());
  }
}
