package io.recur.data.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.recur.core.InvalidInputException;
import io.recur.core.sequence.Vocab;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabBuilderTest {
  // counts: a 3, b 2, c 1, d 1; first occurrences b, a, c, d
  private static final List<String> TOKENS = List.of("b", "a", "c", "a", "b", "a", "d");

  @Test
  void unkFirstThenByDescendingFrequencyTiesInFirstOccurrenceOrder() {
    Vocab v = VocabBuilder.build(TOKENS);
    assertEquals(List.of("<unk>", "a", "b", "c", "d"), v.tokens());
    assertArrayEquals(new long[] {0, 3, 2, 1, 1}, IntStream.range(0, v.size()).mapToLong(v::count).toArray());
  }

  @Test
  void tokensBelowMinFreqAreLeftOutAndMapToUnk() {
    Vocab v = VocabBuilder.build(TOKENS, 2, List.of());
    assertEquals(List.of("<unk>", "a", "b"), v.tokens());
    assertEquals(0, v.indexOf("c"));
    assertEquals(VocabBuilder.build(TOKENS, 1, List.of()), VocabBuilder.build(TOKENS, 0, List.of()));
  }

  @Test
  void reservedTokensFollowUnkWhetherOrNotTheyOccur() {
    Vocab v = VocabBuilder.build(List.of("x", "<eos>", "x"), 5, List.of("<pad>", "<eos>"));
    assertEquals(List.of("<unk>", "<pad>", "<eos>"), v.tokens());
    assertEquals(1, v.count("<eos>"));
    assertEquals(0, v.count("<pad>"));
  }

  @Test
  void anUnkInTheTextKeepsIndexZeroAndItsCount() {
    Vocab v = VocabBuilder.build(List.of("x", "<unk>", "x", "<unk>", "<unk>"));
    assertEquals(List.of("<unk>", "x"), v.tokens());
    assertEquals(3, v.count(0));
  }

  @Test
  void badArgumentsAreRefusedWithTheFix() {
    assertEquals("min-freq must be >= 0 (got -1); pass --min-freq N",
        assertThrows(InvalidInputException.class, () -> VocabBuilder.build(TOKENS, -1, List.of())).getMessage());
    assertThrows(InvalidInputException.class, () -> VocabBuilder.build(TOKENS, 0, List.of("<pad>", "<pad>")));
    assertThrows(InvalidInputException.class, () -> VocabBuilder.build(TOKENS, 0, List.of("<unk>")));
  }

  @Test
  void aBuiltVocabularySurvivesSaveAndLoad(@TempDir Path dir) throws IOException {
    Vocab v = VocabBuilder.build(List.of("the", "time", "<unk>", "the", "\n", "“quoted”"), 0, List.of("<eos>"));
    Path f = dir.resolve("vocab.json");
    v.save(f);
    Vocab back = Vocab.load(f);
    assertEquals(v, back);
    assertEquals(v.tokens(), back.tokens());
    assertEquals(2, back.count("the"));
    assertEquals(v, Vocab.fromJson(v.toJson()));
  }
}
