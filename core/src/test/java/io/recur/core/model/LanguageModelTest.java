package io.recur.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.cell.CellOptions;
import io.recur.core.cell.CellRegistry;
import io.recur.core.ops.Initializers;
import io.recur.core.testing.ReferenceModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageModelTest {
  private static LanguageModel model(String cell, int embed, int layers) {
    return new LanguageModel(ModelSpec.builder().cell(cell).vocabSize(5).embed(embed).hidden(4).layers(layers).build(),
        CellRegistry.withBuiltIns());
  }

  @Test
  void parametersAreNamedAndShapedAsDocumented() {
    LanguageModel m = model("lstm", 3, 2);
    assertEquals(List.of("embedding.weight", "layer0.W_x", "layer0.W_h", "layer0.b", "layer1.W_x", "layer1.W_h",
        "layer1.b", "output.weight", "output.bias"), m.parameters().keySet().stream().map(ParamKey::toString).toList());
    assertArrayEquals(new int[] {5, 3}, m.parameters().get(LanguageModel.EMBEDDING).shape());
    assertArrayEquals(new int[] {16, 3}, m.parameters().get(ParamKey.of("layer0", "W_x")).shape());
    assertArrayEquals(new int[] {16, 4}, m.parameters().get(ParamKey.of("layer1", "W_x")).shape());
    assertArrayEquals(new int[] {5, 4}, m.parameters().get(LanguageModel.OUTPUT_WEIGHT).shape());
    assertEquals(List.of("layer0.W_x"), model("gru", 0, 1).parameters().keySet().stream()
        .map(ParamKey::toString).filter(s -> s.equals("layer0.W_x")).toList());
    assertArrayEquals(new int[] {12, 5}, model("gru", 0, 1).parameters().get(ParamKey.of("layer0", "W_x")).shape());
  }

  @Test
  void initialisationIsSeededPerParameterName() {
    ParameterSet a = model("lstm", 0, 1).initialize(Initializers.Scheme.XAVIER, 1);
    ParameterSet b = model("lstm", 0, 2).initialize(Initializers.Scheme.XAVIER, 1);
    ParamKey w = ParamKey.of("layer0", "W_h");
    assertEquals(a.get(w), b.get(w), "adding a layer must not change the first layer's initial weights");
    assertNotEquals(a.get(w), model("lstm", 0, 1).initialize(Initializers.Scheme.XAVIER, 2).get(w));
    for (float v : a.get(w).data()) {
      assertTrue(Math.abs(v) <= 1 / Math.sqrt(4) + 1e-7, "xavier bound ±1/√fan_in");
    }
    for (float v : a.get(ParamKey.of("layer0", "b")).data()) {
      assertEquals(0f, v, "biases start at zero");
    }
    for (float v : model("lstm", 0, 1).initialize(Initializers.Scheme.UNIFORM, 1).get(w).data()) {
      assertTrue(Math.abs(v) <= 0.1f);
    }
  }

  @Test
  void forgetBiasInitialisesOnlyTheForgetBlock() {
    LanguageModel m = new LanguageModel(ModelSpec.builder().cell("lstm").vocabSize(5).hidden(2).cellOptions(CellOptions.parse(List.of("forget_bias=1"))).build(),
        CellRegistry.withBuiltIns());
    assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 0},
        m.initialize(Initializers.Scheme.XAVIER, 0).get(ParamKey.of("layer0", "b")).data());
  }

  @Test
  void incompatibleParametersAreRefusedWithTheReason() {
    ParameterSet small = model("lstm", 0, 1).initialize(Initializers.Scheme.XAVIER, 0);
    LanguageModel wider = new LanguageModel(ModelSpec.builder().cell("lstm").vocabSize(5).hidden(8).build(),
        CellRegistry.withBuiltIns());
    var e = assertThrows(InvalidInputException.class, () -> wider.checkCompatible(small, "checkpoint"));
    assertTrue(e.getMessage().contains("layer0.W_x") && e.getMessage().contains("--hidden"), e.getMessage());
    var g = assertThrows(InvalidInputException.class, () -> model("gru", 0, 1).checkCompatible(small, "checkpoint"));
    assertTrue(g.getMessage().contains("another architecture"), g.getMessage());
  }

  @Test
  void forwardIsTheSameModelForOneHotAndAnEmbeddingThatIsTheIdentity() {
    ModelSpec oneHot = ModelSpec.builder().cell("gru").vocabSize(5).hidden(4).build();
    ModelSpec embedded = oneHot.toBuilder().embed(5).build();
    ParameterSet p = new LanguageModel(oneHot, CellRegistry.withBuiltIns()).initialize(Initializers.Scheme.XAVIER, 3);
    java.util.Map<ParamKey, FloatArray> withTable = new java.util.LinkedHashMap<>(p.asMap());
    float[] eye = new float[25];
    for (int i = 0; i < 5; i++) {
      eye[i * 5 + i] = 1;
    }
    withTable.put(LanguageModel.EMBEDDING, new FloatArray(new int[] {5, 5}, eye));
    int[][] tokens = {{1, 2, 3}, {4, 0, 2}};
    assertArrayEquals(new ReferenceModel(oneHot, p).forward(tokens),
        new ReferenceModel(embedded, new ParameterSet(withTable)).forward(tokens), 1e-12);
  }

  @Test
  void specValidationNamesTheFieldAndTheFix() {
    var e = assertThrows(InvalidInputException.class, () -> ModelSpec.builder().vocabSize(5).hidden(-3).build());
    assertEquals("hidden must be > 0 (got -3); pass --hidden N", e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> ModelSpec.builder().vocabSize(5).dropout(1).build());
    assertTrue(e.getMessage().contains("--dropout"));
    e = assertThrows(InvalidInputException.class, () -> ModelSpec.builder().vocabSize(5).layers(0).build());
    assertTrue(e.getMessage().contains("--layers"));
  }
}
