package io.recur.core.check;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.cell.CellConfig;
import io.recur.core.cell.CellFactory;
import io.recur.core.cell.CellRegistry;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.testing.BrokenCells;
import io.recur.core.testing.MguCell;
import io.recur.core.testing.PeepholeLstmCell;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellCheckTest {
  /** Builds a language model of {@code factory}'s cell, registered as {@code name}: the check runs then. */
  private static void build(String name, CellFactory factory) {
    Map<String, CellFactory> m = new LinkedHashMap<>(CellRegistry.builtIns());
    m.put(name, factory);
    new LanguageModel(ModelSpec.builder().cell(name).vocabSize(11).embed(5).hidden(8).layers(2).build(), new CellRegistry(m));
  }

  private static String failure(String name, CellFactory factory) {
    return assertThrows(InvalidInputException.class, () -> build(name, factory)).getMessage();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rnn", "rnn-relu", "lstm", "gru"})
  void theBuiltInsPass(String name) {
    assertDoesNotThrow(() -> CellCheck.dryRun(name, CellRegistry.withBuiltIns().resolve(name).create(3, 4)));
  }

  @Test
  void customCellsPass() {
    assertDoesNotThrow(() -> build("mgu", MguCell::new));
    assertDoesNotThrow(() -> build("peephole", PeepholeLstmCell::new));
  }

  @Test
  void aStateOfTheWrongShapeIsNamedWithBothShapes() {
    assertEquals("cell 'wide' (WrongStateShape(3→4)) step returned state 'h' of shape [2, 8] but the cell declares [B, 4] "
        + "(its StateSpec size), here [2, 4]; make step() and state() agree", failure("wide", BrokenCells.WrongStateShape::new));
  }

  @Test
  void anUnusedParameterIsNamedWithItsShape() {
    assertEquals("cell 'unused' (UnusedParameter(3→4)) declares parameter 'gain' [4] but its step never uses it; "
        + "use it in step() or drop it from params()", failure("unused", BrokenCells.UnusedParameter::new));
  }

  @Test
  void nanAtInitialisationIsFoundOnTheFirstStep() {
    String m = failure("nan", BrokenCells.NanAtInitialisation::new);
    assertTrue(m.startsWith("cell 'nan' (NanAtInitialisation(3→4)) step returns NaN in its output at initialisation "
        + "(step 1 from zero state of a dry run)"), m);
  }

  @Test
  void anOpOnMismatchedShapesNamesTheOpTheShapesAndTheLine() {
    String m = failure("mismatch", BrokenCells.MismatchedShapes::new);
    assertTrue(m.startsWith("cell 'mismatch' (MismatchedShapes(3→4)) step 1 of a dry run failed: mul: shapes [2, 3] and [2, 4] "
        + "do not fit"), m);
    assertTrue(m.matches(".*\\(at BrokenCells\\$MismatchedShapes\\.step\\(BrokenCells\\.java:\\d+\\)\\); fix the cell's step"), m);
  }

  @Test
  void aParameterTheCellDoesNotDeclareIsNamedWithTheDeclaredOnes() {
    String m = failure("typo", BrokenCells.UndeclaredParameter::new);
    assertTrue(m.contains("step asks for parameter 'bias', which the cell does not declare; declared: [W_x, W_h, b]"), m);
  }

  @Test
  void sizesTheCellDoesNotReportAreRefused() {
    String m = failure("liar", c -> new MguCell(new CellConfig(c.inputSize(), c.hiddenSize() + 1)));
    assertTrue(m.contains("was asked for sizes (5, 8) but reports (5, 9)"), m);
  }
}
