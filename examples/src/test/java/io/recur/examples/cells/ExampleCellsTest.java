package io.recur.examples.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.recur.core.InvalidInputException;
import io.recur.core.cell.CellConfig;
import io.recur.core.cell.CellOptions;
import io.recur.core.cell.CellRegistry;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import io.recur.testkit.CellTestKit;

/** Every example cell passes the cell test kit, with and without its options, and refuses bad options. */
class ExampleCellsTest {
  private static CellOptions options(String... pairs) {
    return CellOptions.parse(List.of(pairs));
  }

  @TestFactory
  Stream<DynamicTest> mgu() {
    return CellTestKit.tests(new MguCell.Factory(), CellOptions.none());
  }

  @TestFactory
  Stream<DynamicTest> peepholeLstm() {
    return CellTestKit.tests(new PeepholeLstmCell.Factory(), options("forget_bias=1"));
  }

  @TestFactory
  Stream<DynamicTest> layerNormLstm() {
    return CellTestKit.tests(new LayerNormLstmCell.Factory(), CellOptions.none());
  }

  @TestFactory
  Stream<DynamicTest> indRnn() {
    return Stream.concat(CellTestKit.tests(new IndRnnCell.Factory(), CellOptions.none()),
        CellTestKit.tests(new IndRnnCell.Factory(), options("activation=tanh", "recurrent_max=0")));
  }

  @Test
  void theExamplesAreRegisteredByShortName() {
    assertEquals(List.of("gru", "indrnn", "layernorm-lstm", "lstm", "mgu", "peephole-lstm", "rnn", "rnn-relu"),
        List.copyOf(CellRegistry.discover(getClass().getClassLoader()).names()));
  }

  @Test
  void badOptionsAreRefusedNamingTheFix() {
    CellRegistry r = CellRegistry.discover(getClass().getClassLoader());
    assertEquals("cell 'indrnn' has no option 'gain'; it takes [activation, recurrent_max]; drop --cell-opt gain",
        assertThrows(InvalidInputException.class, () -> r.resolve("indrnn").create(new CellConfig(3, 4, options("gain=2"))))
            .getMessage());
    assertEquals("indrnn has no activation 'sigmoid'; pass --cell-opt activation=relu or tanh", assertThrows(
        InvalidInputException.class, () -> r.resolve("indrnn").create(new CellConfig(3, 4, options("activation=sigmoid"))))
        .getMessage());
    assertEquals("layernorm-lstm needs epsilon > 0 (got 0.0); pass --cell-opt epsilon=1e-5", assertThrows(
        InvalidInputException.class, () -> r.resolve("layernorm-lstm").create(new CellConfig(3, 4, options("epsilon=0"))))
        .getMessage());
  }
}
