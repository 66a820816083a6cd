package io.recur.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.recur.core.sequence.TextSpec;
import io.recur.data.corpus.Corpora;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TextPipelineTest {
  @Test
  void lettersThenCharsIsTheTextbooksCharacterStream() {
    TextPipeline p = TextPipeline.of(TextSpec.defaults());
    assertEquals(List.of("t", "h", "e", " ", "t", "i", "m", "e", " "), p.tokenize("The Time!\n"));
    assertEquals("the time ", p.join(p.tokenize("The Time!\n")));
  }

  @Test
  void lettersThenWordsHasNoEosAndNoneThenWordsHasOnePerLine() {
    assertEquals(List.of("it", "s", "time"), TextPipeline.of(new TextSpec("letters", "word")).tokenize("It's\ntime.\n"));
    assertEquals(List.of("It's", "<eos>", "time.", "<eos>"), TextPipeline.of(new TextSpec("none", "word")).tokenize("It's\ntime.\n"));
  }

  @Test
  void aPrefixEndsInEosOnlyWhenItEndsALine() {
    TextPipeline p = TextPipeline.of(new TextSpec("none", "word"));
    assertEquals(List.of("time", "traveller", "<eos>"), p.tokenize("time traveller"));
    assertEquals(List.of("time", "traveller"), p.tokenizePrefix("time traveller"));
    assertEquals(List.of("time", "traveller"), p.tokenizePrefix("time traveller "));
    assertEquals(List.of("time", "<eos>", "traveller", "<eos>"), p.tokenizePrefix("time\ntraveller\n"));
    assertEquals(List.of("time", "<eos>", "traveller", "<eos>"), p.tokenizePrefix("time\r\ntraveller\r"));
    assertEquals(List.of("<eos>"), p.tokenizePrefix("\n"));
    assertEquals(List.of(), p.tokenizePrefix(""));
  }

  @Test
  void aPrefixOfCharactersOrOfLettersWordsIsTokenisedAsAnyText() {
    for (TextSpec spec : List.of(TextSpec.defaults(), new TextSpec("none", "char"), new TextSpec("letters", "word"))) {
      TextPipeline p = TextPipeline.of(spec);
      for (String s : List.of("Time Traveller", "time\ntraveller\n", "x")) {
        assertEquals(p.tokenize(s), p.tokenizePrefix(s), spec + " " + s);
      }
    }
  }

  @Test
  void noneThenCharsKeepsEveryCharacter() {
    assertEquals(List.of("A", ",", "\n"), TextPipeline.of(new TextSpec("none", "char")).tokenize("A,\n"));
  }

  @Test
  void theTimeMachineHasTheTextbooksWordCount() {
    // ../shared/data/README.md: 32,775 whitespace-separated words after cleaning
    assertEquals(32_775, TextPipeline.of(new TextSpec("letters", "word")).tokenize(Corpora.load("timemachine")).size());
  }

  @Test
  void oneSharedPipelineGivesTheSameTokensOnEveryThread() {
    TextPipeline p = TextPipeline.of(new TextSpec("none", "word"));
    String text = Corpora.load("timemachine");
    List<String> expected = p.tokenize(text);
    List<List<String>> results = IntStream.range(0, 8).parallel().mapToObj(i -> p.tokenize(text)).toList();
    results.forEach(r -> assertEquals(expected, r));
  }
}
