package io.recur.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.recur.core.cell.CellRegistry;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import org.junit.jupiter.api.Test;

/** The FLOP counts of ../shared/bench/README.md for the reference workload (H 256, one-hot D = V = 28). */
class FlopCountTest {
  private static LanguageModel model(String cell, int embed, int layers) {
    return new LanguageModel(ModelSpec.builder().cell(cell).vocabSize(28).hidden(256).embed(embed).layers(layers).build(),
        CellRegistry.withBuiltIns());
  }

  @Test
  void theReferenceLstmCosts595968FlopsForwardAnd179MillionToTrain() {
    assertEquals(2L * 4 * 256 * (28 + 256) + 2L * 256 * 28, 595_968);
    assertEquals(595_968, FlopCount.forwardPerToken(model("lstm", 0, 1)));
    assertEquals(1_787_904, FlopCount.trainingPerToken(model("lstm", 0, 1)), "≈ 1.79 MFLOP");
  }

  @Test
  void theReferenceGruAndRnnCost135And048MillionToTrain() {
    assertEquals(1_351_680, FlopCount.trainingPerToken(model("gru", 0, 1)), "≈ 1.35 MFLOP");
    assertEquals(479_232, FlopCount.trainingPerToken(model("rnn", 0, 1)), "≈ 0.48 MFLOP");
    assertEquals(479_232, FlopCount.trainingPerToken(model("rnn-relu", 0, 1)));
  }

  @Test
  void anEmbeddingIsALookupAndEveryLayerAddsItsProducts() {
    long firstLayer = 2L * 4 * 256 * (64 + 256);
    long secondLayer = 2L * 4 * 256 * (256 + 256);
    long output = 2L * 256 * 28;
    assertEquals(firstLayer + secondLayer + output, FlopCount.forwardPerToken(model("lstm", 64, 2)));
  }
}
