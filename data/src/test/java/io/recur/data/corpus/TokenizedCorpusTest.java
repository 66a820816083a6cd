package io.recur.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;
import io.recur.data.text.WordTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TokenizedCorpusTest {
  private static Path shared(String file) {
    Path p = Path.of(System.getProperty("recur.shared", "../../shared"), "data", file);
    assumeTrue(Files.isRegularFile(p), "the shared data sets are not here (" + p + "; set -Drecur.shared=DIR)");
    return p;
  }

  @Test
  void timeMachineCharactersGiveTheTextbooksStreamAndVocabulary() {
    // Dive into Deep Learning §8.2 / ../shared/DESIGN.md: 173,428 tokens, vocabulary 28 with <unk>
    TokenizedCorpus c = TokenizedCorpus.load("timemachine", TextSpec.defaults(), 0);
    assertEquals(173_428, c.length());
    assertEquals(28, c.vocab().size());
    assertEquals(Vocab.UNK, c.vocab().token(0));
    assertEquals(0, c.vocab().count(0));
    assertEquals(" ", c.vocab().token(1));
    assertEquals("the time machine", String.join("", c.vocab().tokensOf(c.ids().slice(0, 16).toArray())));
  }

  @Test
  void timeMachineWordsGiveTheTextbooksMostFrequentWords() {
    // ../shared/data/README.md: 32,775 words, 4,579 distinct; d2l §8.2 prints the ten most frequent
    TokenizedCorpus c = TokenizedCorpus.load("timemachine", new TextSpec("letters", "word"), 0);
    assertEquals(32_775, c.length());
    assertEquals(4_579 + 1, c.vocab().size());
    String[] top = {"the", "i", "and", "of", "a", "to", "was", "in", "that", "my"};
    long[] counts = {2261, 1267, 1245, 1155, 816, 695, 552, 541, 443, 440};
    for (int i = 0; i < top.length; i++) {
      assertEquals(top[i], c.vocab().token(i + 1));
      assertEquals(counts[i], c.vocab().count(i + 1));
    }
  }

  @Test
  void minFreqMapsRareTokensToUnk() {
    TokenizedCorpus c = TokenizedCorpus.of("t", "a b a c a b\n", new TextSpec("letters", "word"), 2);
    assertEquals(3, c.vocab().size());
    assertEquals(0, c.ids().get(3));
  }

  @Test
  void encodeUsesTheSameSpecAndVocabularyWithUnkForNewTokens() {
    TokenizedCorpus c = TokenizedCorpus.load("timemachine", new TextSpec("letters", "word"), 0);
    int[] ids = c.encode("The Time-Traveller zyxxy").toArray();
    assertEquals(c.vocab().indexOf("the"), ids[0]);
    assertEquals(c.vocab().indexOf("traveller"), ids[2]);
    assertEquals(c.vocab().unknownIndex(), ids[3]);
  }

  @Test
  void aTextWithoutTokensIsRefused() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> TokenizedCorpus.of("digits.txt", "1 2 3\n", new TextSpec("letters", "word"), 0));
    assertEquals("corpus digits.txt has no word tokens after preprocessing 'letters'; pass a text with content or "
        + "--preprocess none", e.getMessage());
  }

  @Test
  void wikiText2TrainHasThePublishedTokenAndTypeCounts() {
    // Merity et al. 2016 / ../shared/data/README.md: 2,088,628 tokens (with <eos>), 33,278 types
    Path train = shared("wikitext-2/train.txt");
    TokenizedCorpus c = TokenizedCorpus.load(train.toString(), new TextSpec("none", "word"), 0);
    assertEquals(2_088_628, c.length());
    assertEquals(33_278, c.vocab().size());
    assertEquals(Vocab.UNK, c.vocab().token(0));
    assertTrue(c.vocab().count(Vocab.UNK) > 0, "WikiText's own <unk> keeps index 0 and its count");
    assertEquals(36_718, c.vocab().count(WordTokenizer.EOS), "one <eos> per line");
  }

  @Test
  void pennTreebankTrainHasThePublishedTokenAndTypeCounts() {
    // Mikolov's PTB: 929,589 tokens (with <eos>), a 10,000-word vocabulary
    TokenizedCorpus c = TokenizedCorpus.load(shared("ptb/train.txt").toString(), new TextSpec("none", "word"), 0);
    assertEquals(929_589, c.length());
    assertEquals(10_000, c.vocab().size());
  }
}
