package io.recur.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
  private final Tokenizer lines = new WordTokenizer(true);
  private final Tokenizer words = new WordTokenizer(false);
  private final Tokenizer chars = new CharTokenizer();

  @Test
  void wordsWithLineEndsFollowPythonSplitPlusEosPerLine() {
    // for line in text: line.split() + ['<eos>']; empty lines still count their <eos>
    assertEquals(List.of("a", "b", "<eos>", "<eos>", "c", "<eos>"), lines.tokenize("a  b\n\n c\n"));
    assertEquals(List.of("=", "Title", "=", "<eos>"), lines.tokenize(" = Title = \n"));
    assertEquals(List.of("x", "<eos>"), lines.tokenize("x"));
    assertEquals(List.of("<eos>"), lines.tokenize("\n"));
    assertEquals(List.of(), lines.tokenize(""));
  }

  @Test
  void everyPythonLineEndCountsButOtherSeparatorsAreWhiteSpace() {
    // Python text mode ends lines at \n, \r\n and \r; \f, \v, U+0085 and U+2028 are only white space to split()
    assertEquals(List.of("a", "<eos>", "b", "<eos>", "c", "<eos>"), lines.tokenize("a\r\nb\rc\r\n"));
    assertEquals(List.of("a", "b", "c", "d", "<eos>"), lines.tokenize("a\fb\u000Bc\u0085d\n"));
  }

  @Test
  void whiteSpaceIsPythonsIsspace() {
    // U+00A0 and U+2003 are white space in Python; U+200B (zero-width space) is not
    assertEquals(List.of("x", "y\u200Bz", "w"), words.tokenize("\u00A0x\u2003y\u200Bz\u3000w\u001F"));
  }

  @Test
  void wordsWithoutLineEndsHaveNoEos() {
    assertEquals(List.of("the", "time", "machine"), words.tokenize(" the time\nmachine "));
  }

  @Test
  void charsAreCodePointsIncludingWhiteSpaceAndLineEnds() {
    assertEquals(List.of("a", " ", "\n", "\uD83D\uDE00", "b"), chars.tokenize("a \n\uD83D\uDE00b"));
  }

  @Test
  void joinGivesTextThatTokenisesBackToTheSameTokens() {
    List<String> t = lines.tokenize("A  b\n\nc d\n");
    assertEquals("A b\n\nc d\n", lines.join(t));
    assertEquals(t, lines.tokenize(lines.join(t)));
    assertEquals("the time", words.join(List.of("the", "time")));
    String s = "time \ntraveller\uD83D\uDE00";
    assertEquals(s, chars.join(chars.tokenize(s)));
  }
}
