package io.recur.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.data.corpus.Corpora;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
  @Test
  void lettersReplacesEveryRunOfNonLettersWithOneSpaceAndLowerCases() {
    // re.sub('[^A-Za-z]+', ' ', s).lower() for each input, worked out by hand
    assertEquals("the time machine by h g wells ", Preprocessing.LETTERS.apply("The Time Machine, by H. G. Wells [1898]\n"));
    assertEquals(" hi there", Preprocessing.LETTERS.apply("  Hi--there"));
    assertEquals("caf ", Preprocessing.LETTERS.apply("Café"));
    assertEquals("a b", Preprocessing.LETTERS.apply("a\uD83D\uDE00b"));
    assertEquals("", Preprocessing.LETTERS.apply(""));
    assertEquals(" ", Preprocessing.LETTERS.apply("1, 2, 3!"));
  }

  @Test
  void noneKeepsTheTextAsItIs() {
    String raw = "A  b\n\tC, d!\r\n";
    assertEquals(raw, Preprocessing.NONE.apply(raw));
  }

  @Test
  void theTimeMachineCleansToTheTextbooksCharacterCount() {
    // Dive into Deep Learning §8.2 and ../shared/data/README.md: 173,428 characters, 27 distinct
    String clean = Preprocessing.LETTERS.apply(Corpora.load("timemachine"));
    assertEquals(173_428, clean.length());
    assertEquals(27, clean.chars().distinct().count());
    assertTrue(clean.chars().allMatch(c -> c == ' ' || (c >= 'a' && c <= 'z')));
  }

  @Test
  void namesRoundTripAndUnknownNamesListTheKnownOnes() {
    assertSame(Preprocessing.LETTERS, Preprocessing.byName("letters"));
    assertSame(Preprocessing.NONE, Preprocessing.byName(Preprocessing.NONE.configName()));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Preprocessing.byName("lower"));
    assertEquals("unknown preprocessing 'lower'; available: [letters, none]; set --preprocess", e.getMessage());
  }
}
