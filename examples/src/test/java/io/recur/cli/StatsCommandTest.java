package io.recur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StatsCommandTest {
  @Test
  void timeMachineCharactersHaveTheTextbooksCountsAndTheWordCountsToo() {
    // d2l §8.2: 173,428 characters and a vocabulary of 28 with <unk>;
    // ../shared/data/README.md: 32,775 words, 4,579 distinct (+ <unk> = 4,580)
    CliRun r = CliRun.of("stats", "--corpus", "timemachine", "--tokenizer", "char", "--json");
    assertEquals(0, r.exit(), r.err());
    JsonObject j = r.json();
    assertEquals(173_428, j.get("tokens").getAsInt());
    assertEquals(28, j.get("vocab").getAsInt());
    assertEquals(32_775, j.get("word_tokens").getAsInt());
    assertEquals(4_580, j.get("word_vocab").getAsInt());
    JsonArray top = j.getAsJsonArray("top");
    assertEquals(10, top.size());
    assertEquals(" ", top.get(0).getAsJsonArray().get(0).getAsString());
    assertEquals(32_775, top.get(0).getAsJsonArray().get(1).getAsLong(), "one space after every word");
    assertEquals("e", top.get(1).getAsJsonArray().get(0).getAsString());
    assertTrue(j.get("distinct_bigrams").getAsInt() <= 27 * 27);
    assertTrue(j.get("distinct_trigrams").getAsInt() > j.get("distinct_bigrams").getAsInt());
    assertTrue(Double.isFinite(j.get("zipf_alpha").getAsDouble()));
    double wordAlpha = j.get("word_zipf_alpha").getAsDouble();
    assertTrue(wordAlpha > 0.8 && wordAlpha < 1.3, "Zipf's law for English words: " + wordAlpha);
  }

  @Test
  void withoutJsonEachResultIsALine() {
    CliRun r = CliRun.of("stats", "--tokenizer", "word", "--top", "3");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("tokens: 32775\n"), r.out());
    assertTrue(r.out().contains("vocab: 4580\n"), r.out());
    assertTrue(r.out().contains("top: [[\"the\",2261],[\"i\",1267],[\"and\",1245]]\n"), r.out());
  }

  @Test
  void wikiText2HasThePublishedTokenAndTypeCounts() {
    // Merity et al. 2016 / ../shared/data/README.md: 2,088,628 tokens, 33,278 types
    Path train = Path.of(System.getProperty("recur.shared", "../../shared"), "data", "wikitext-2", "train.txt");
    assumeTrue(Files.isRegularFile(train), "WikiText-2 is not here (" + train + "; set -Drecur.shared=DIR)");
    CliRun r = CliRun.of("stats", "--corpus", train.toString(), "--preprocess", "none", "--tokenizer", "word", "--json");
    assertEquals(0, r.exit(), r.err());
    assertEquals(2_088_628, r.json().get("tokens").getAsInt());
    assertEquals(33_278, r.json().get("vocab").getAsInt());
    assertEquals("the", r.json().getAsJsonArray("top").get(0).getAsJsonArray().get(0).getAsString());
  }
}
