package io.recur.core.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabTest {
  private final Vocab vocab = new Vocab(List.of("<unk>", " ", "e", "t"), new long[] {0, 10, 7, 5});

  @Test
  void mapsBothWays() {
    assertEquals(4, vocab.size());
    assertEquals(2, vocab.indexOf("e"));
    assertEquals("t", vocab.token(3));
    assertArrayEquals(new int[] {3, 2, 0}, vocab.indicesOf(List.of("t", "e", "z")));
    assertEquals(List.of("t", " ", "e"), vocab.tokensOf(new int[] {3, 1, 2}));
    assertEquals(7, vocab.count("e"));
    assertEquals(0, vocab.count("zz"));
  }

  @Test
  void unknownTokensMapToUnkAndAreReported() {
    assertEquals(0, vocab.unknownIndex());
    assertEquals(0, vocab.indexOf("q"));
    assertTrue(vocab.contains("e"));
    assertFalse(vocab.contains("q"));
    assertEquals(Set.of("q", "!"), vocab.missing(List.of("t", "q", "!", "q")));
    assertThrows(IndexOutOfBoundsException.class, () -> vocab.token(4));
  }

  @Test
  void rejectsDuplicatesAndAMissingUnk() {
    var dup = assertThrows(InvalidInputException.class, () -> new Vocab(List.of("<unk>", "a", "a"), new long[3]));
    assertTrue(dup.getMessage().contains("'a' twice"));
    var noUnk = assertThrows(InvalidInputException.class, () -> new Vocab(List.of("a"), new long[1]));
    assertTrue(noUnk.getMessage().contains("<unk>"));
  }

  @Test
  void savesAndLoads(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("vocab.json");
    vocab.save(f);
    assertEquals(vocab, Vocab.load(f));
    assertEquals(vocab, Vocab.fromJson(vocab.toJson()));
    Files.writeString(f, "{not json");
    var e = assertThrows(InvalidInputException.class, () -> Vocab.load(f));
    assertTrue(e.getMessage().contains("is not a Recur vocabulary") && e.getMessage().contains("is not JSON"), e.getMessage());
  }
}
