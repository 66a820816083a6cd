package io.recur.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.cell.CellRegistry;
import io.recur.core.cell.State;
import io.recur.core.ops.Initializers;
import io.recur.core.check.ReferenceOps;
import io.recur.core.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesModelTest {
  private static SeriesModel model(String cell, int layers, int features, int outputs) {
    return new SeriesModel(ModelSpec.builder().cell(cell).layers(layers).hidden(3).series(features, outputs).build(),
        CellRegistry.withBuiltIns());
  }

  @Test
  void theLinearModelIsAHeadOnTheInputs() {
    SeriesModel m = model(ModelSpec.LINEAR, 0, 4, 1);
    assertEquals(List.of(SeriesModel.HEAD_WEIGHT, SeriesModel.HEAD_BIAS), List.copyOf(m.parameters().keySet()));
    assertArrayEquals(new int[] {1, 4}, m.parameters().get(SeriesModel.HEAD_WEIGHT).shape());
    assertTrue(m.stateSpecs().isEmpty());
    assertEquals(Objective.SQUARED_ERROR, m.objective());
  }

  @Test
  void aRecurrentRegressorStacksLayersUnderALinearHead() {
    SeriesModel m = model("gru", 2, 8, 2);
    assertTrue(m.parameters().containsKey(ParamKey.of("layer1", "W_h")));
    assertArrayEquals(new int[] {2, 3}, m.parameters().get(SeriesModel.HEAD_WEIGHT).shape());
    assertEquals(2, m.stateSpecs().size());
  }

  @Test
  void forwardHeadAndLossAreTheLinearRegressionByHand() {
    SeriesModel m = model(ModelSpec.LINEAR, 0, 2, 1);
    Map<ParamKey, Tensor> p = new HashMap<>();
    p.put(SeriesModel.HEAD_WEIGHT, ReferenceOps.of(new double[] {0.5, -1}, 1, 2));
    p.put(SeriesModel.HEAD_BIAS, ReferenceOps.of(new double[] {0.25}, 1));
    ReferenceOps ops = new ReferenceOps();
    // T = 2, B = 1, F = 2: inputs (1, 2) then (3, 0); predictions 0.5 - 2 + 0.25 = -1.25 and 1.5 + 0.25 = 1.75.
    Tensor x = ReferenceOps.of(new double[] {1, 2, 3, 0}, 2, 1, 2);
    SequenceModel.Output out = m.forward(ops, p::get, x, List.<State>of(), true);
    assertArrayEquals(new double[] {-1.25, 1.75}, ReferenceOps.values(m.head(ops, p::get, out.features())), 1e-12);
    Tensor targets = ReferenceOps.of(new double[] {-1, 2}, 2, 1, 1);
    double loss = ReferenceOps.values(m.loss(ops, p::get, out.features(), targets))[0];
    assertEquals((0.0625 + 0.0625) / 2, loss, 1e-12);
  }

  @Test
  void specsOfTheWrongShapeAreRefusedWithTheFix() {
    var noLayers = assertThrows(InvalidInputException.class,
        () -> ModelSpec.builder().cell("lstm").layers(0).series(4, 1).build());
    assertTrue(noLayers.getMessage().contains("--layers"), noLayers.getMessage());
    var linearWithLayers = assertThrows(InvalidInputException.class,
        () -> ModelSpec.builder().cell(ModelSpec.LINEAR).layers(1).series(4, 1).build());
    assertTrue(linearWithLayers.getMessage().contains("no recurrent layers"), linearWithLayers.getMessage());
    assertThrows(InvalidInputException.class, () -> ModelSpec.builder().cell("gru").embed(4).series(4, 1).build());
    var tied = assertThrows(InvalidInputException.class,
        () -> ModelSpec.builder().cell("lstm").vocabSize(10).embed(8).hidden(16).tied(true).build());
    assertTrue(tied.getMessage().contains("--embed equal to --hidden"), tied.getMessage());
  }

  @Test
  void aTiedLanguageModelHasNoOutputWeightAndProjectsWithTheEmbedding() {
    LanguageModel m = new LanguageModel(ModelSpec.builder().cell("rnn").vocabSize(5).embed(3).hidden(3).tied(true).build(),
        CellRegistry.withBuiltIns());
    assertTrue(!m.parameters().containsKey(LanguageModel.OUTPUT_WEIGHT));
    assertEquals(LanguageModel.EMBEDDING, m.outputWeight());
    ParameterSet p = m.initialize(Initializers.Scheme.XAVIER, 1);
    m.checkCompatible(p, "tied");
    LanguageModel untied = new LanguageModel(m.spec().toBuilder().tied(false).build(), CellRegistry.withBuiltIns());
    var e = assertThrows(InvalidInputException.class, () -> untied.checkCompatible(p, "the checkpoint"));
    assertTrue(e.getMessage().contains("output.weight") && e.getMessage().contains("weight tying"), e.getMessage());
  }

  @Test
  void objectivesReportTheirOwnMetricAndDivergence() {
    assertEquals(Math.exp(2), Objective.CROSS_ENTROPY.metric(2), 1e-12);
    assertEquals(2, Objective.CROSS_ENTROPY.loss(Math.exp(2)), 1e-12);
    assertEquals(0.5, Objective.SQUARED_ERROR.metric(0.5));
    assertTrue(Objective.CROSS_ENTROPY.exploded(100.5) && !Objective.CROSS_ENTROPY.exploded(99.5));
    assertTrue(Objective.SQUARED_ERROR.exploded(2e6) && !Objective.SQUARED_ERROR.exploded(150));
  }
}
