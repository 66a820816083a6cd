package io.recur.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.cell.CellRegistry;
import io.recur.core.cell.ParamSpec;
import org.junit.jupiter.api.Test;

class ModelSizeTest {
  private static final CellRegistry CELLS = CellRegistry.withBuiltIns();

  private static ModelSpec lstm(int hidden, int layers) {
    return ModelSpec.builder().cell("lstm").vocabSize(28).hidden(hidden).layers(layers).build();
  }

  @Test
  void theParameterCountIsTheModelsOwn() {
    for (ModelSpec spec : new ModelSpec[] {lstm(16, 1), lstm(8, 3),
        ModelSpec.builder().cell("gru").vocabSize(50).embed(12).hidden(12).layers(2).tied(true).build(),
        ModelSpec.builder().cell("rnn").series(6, 2).hidden(5).layers(2).build(),
        ModelSpec.builder().cell(ModelSpec.LINEAR).series(6, 2).layers(0).build()}) {
      long actual = SequenceModel.of(spec, CELLS).parameters().values().stream().mapToLong(ParamSpec::size).sum();
      assertEquals(actual, ModelSize.of(spec, CELLS, 4, 8).parameters(), spec.toString());
    }
  }

  @Test
  void modelsThatCannotFitAreRefusedWithTheirSizeAndTheLimitWithoutOverflow() {
    long limit = 2L << 30;
    for (ModelSpec spec : new ModelSpec[] {lstm(40_000, 1), lstm(20_000, 1), lstm(256, 99_999_999), lstm(1 << 28, 1),
        lstm(1 << 20, Integer.MAX_VALUE)}) {
      ModelSize size = ModelSize.of(spec, CELLS, 32, 35);
      assertTrue(size.parameters() > 0 && size.activations() > 0, size.toString());
      var e = assertThrows(InvalidInputException.class, () -> size.checkTrainable(2, limit), spec.toString());
      assertTrue(e.getMessage().contains("2.0 GiB") || e.getMessage().contains("one array can hold"), e.getMessage());
    }
    ModelSize.of(lstm(256, 2), CELLS, 32, 35).checkTrainable(2, limit);
  }

  @Test
  void aCellThatCannotHaveItsSizesIsRefused() {
    var e = assertThrows(InvalidInputException.class, () -> ModelSize.of(lstm(Integer.MAX_VALUE, 1), CELLS, 1, 1));
    assertTrue(e.getMessage().contains("cannot be built with hidden " + Integer.MAX_VALUE), e.getMessage());
  }
}
