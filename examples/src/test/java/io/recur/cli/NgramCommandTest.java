package io.recur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class NgramCommandTest {
  @Test
  void bigramOnTheTimeMachinePrintsTrainingAndValidationPerplexity() {
    CliRun r = CliRun.of("ngram", "--n", "2", "--alpha", "1", "--corpus", "timemachine", "--json");
    assertEquals(0, r.exit(), r.err());
    JsonObject j = r.json();
    assertEquals(2, j.get("n").getAsInt());
    assertEquals(1.0, j.get("alpha").getAsDouble());
    assertEquals(173_428, j.get("train_tokens").getAsInt() + j.get("val_tokens").getAsInt());
    assertEquals(17_343, j.get("val_tokens").getAsInt(), "173,428 − ⌊173,428 · 0.9⌋");
    double train = j.get("train_ppl").getAsDouble();
    double val = j.get("val_ppl").getAsDouble();
    // between a perfect model (1) and the uniform one (V = 28), and below the unigram model
    double unigramVal = CliRun.of("ngram", "--n", "1", "--json").json().get("val_ppl").getAsDouble();
    assertTrue(train > 1 && val > 1 && val < unigramVal && unigramVal < 28, train + " " + val + " " + unigramVal);
  }

  @Test
  void aHugeAlphaGivesTheUniformModelWhosePerplexityIsTheVocabularySize() {
    JsonObject j = CliRun.of("ngram", "--n", "3", "--alpha", "1e15", "--json").json();
    assertEquals(28.0, j.get("val_ppl").getAsDouble(), 1e-6);
    assertEquals(28.0, j.get("train_ppl").getAsDouble(), 1e-6);
  }

  @Test
  void badOrderAlphaOrSplitExitTwoWithOneLine() {
    for (String[] args : new String[][] {
        {"ngram", "--n", "0"},
        {"ngram", "--alpha", "0"},
        {"ngram", "--val-fraction", "0"},
        {"ngram", "--val-fraction", "1.5"},
        {"ngram", "--n", "two"},
    }) {
      CliRun r = CliRun.of(args);
      assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
      assertEquals(1, r.errLines().size(), String.join(" ", args) + ": " + r.err());
    }
  }
}
