package io.recur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.sequence.Sequence;
import io.recur.core.util.Rng;
import io.recur.data.partition.Partitioners;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad corpora and bad sizes: exit 2 with exactly one line on standard error, no stack trace. */
class CorpusErrorsTest {
  @TempDir
  Path dir;

  private static void assertOneLine(CliRun r, String expected) {
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertEquals("recur: " + expected, r.errLines().get(0));
    assertFalse(r.err().contains("\tat "), "no stack trace");
    assertEquals("", r.out());
  }

  @Test
  void aMissingFile() {
    Path f = dir.resolve("missing.txt");
    assertOneLine(CliRun.of("stats", "--corpus", f.toString()), "corpus file " + f
        + " does not exist (bundled corpora: [timemachine]); pass --corpus timemachine or the path of a UTF-8 text file");
  }

  @Test
  void anEmptyFile() throws IOException {
    Path f = Files.createFile(dir.resolve("empty.txt"));
    assertOneLine(CliRun.of("ngram", "--corpus", f.toString()), "corpus file " + f + " is empty; pass a non-empty UTF-8 text file");
  }

  @Test
  void aBinaryFile() throws IOException {
    Path f = Files.write(dir.resolve("weights.bin"), new byte[] {1, 2, 0, 3});
    assertOneLine(CliRun.of("stats", "--corpus", f.toString()),
        "corpus file " + f + " is binary, not text (a NUL byte at offset 2, line 1); pass a UTF-8 text file");
  }

  @Test
  void aNonUtf8File() throws IOException {
    Path f = Files.write(dir.resolve("latin1.txt"), "déjà vu".getBytes(StandardCharsets.ISO_8859_1));
    assertOneLine(CliRun.of("stats", "--corpus", f.toString(), "--json"),
        "corpus file " + f + " is not UTF-8 (invalid byte 0xE9 on line 1, byte offset 1); convert it, e.g. iconv -f latin1 -t utf-8");
  }

  @Test
  void aDirectory() {
    assertOneLine(CliRun.of("stats", "--corpus", dir.toString()),
        "corpus file " + dir + " is a directory, not a file; pass --corpus timemachine or the path of a UTF-8 text file");
  }

  @Test
  void unknownTokenizerAndNegativeMinFreq() {
    assertOneLine(CliRun.of("stats", "--tokenizer", "bpe"), "unknown tokenizer 'bpe'; available: [char, word]; set --tokenizer");
    assertOneLine(CliRun.of("stats", "--min-freq", "-2"), "min-freq must be >= 0 (got -2); pass --min-freq N");
  }

  @Test
  void stepsZeroAndABatchTooLargeForTheStreamAreRefusedByThePartitioners() {
    Sequence s = Sequence.of(IntStream.range(0, 1000).toArray());
    for (String name : Partitioners.NAMES) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> Partitioners.byName(name).epoch(s, 2, 0, new Rng(0)));
      assertEquals("steps must be > 0 (got 0); pass --steps T", e.getMessage());
      e = assertThrows(InvalidInputException.class, () -> Partitioners.byName(name).epoch(s, 64, 35, new Rng(0)));
      assertTrue(e.getMessage().startsWith("--batch 64 with --steps 35 needs at least "), e.getMessage());
      assertTrue(e.getMessage().endsWith(" tokens, the text has 1000; lower --batch or --steps, or use a longer text"), e.getMessage());
    }
  }
}
