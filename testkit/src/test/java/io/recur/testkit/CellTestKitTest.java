package io.recur.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.cell.AbstractCell;
import io.recur.core.cell.CellConfig;
import io.recur.core.cell.CellFactory;
import io.recur.core.cell.CellOptions;
import io.recur.core.cell.GruCell;
import io.recur.core.cell.LstmCell;
import io.recur.core.cell.ParamSpec;
import io.recur.core.cell.Params;
import io.recur.core.cell.RnnCell;
import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.cell.Step;
import io.recur.core.ops.CellOps;
import io.recur.core.tensor.Tensor;
import io.recur.core.testing.BrokenCells;
import io.recur.core.testing.MguCell;
import io.recur.core.testing.PeepholeLstmCell;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class CellTestKitTest {
  /**
   * A tanh RNN that doubles its pre-activation on ops of the class {@code cheatOn} names, on its
   * {@code first call}, or on the calls that record the {@code tape} of the gradient check.
   */
  public static final class Cheat extends AbstractCell {
    private final String cheatOn;
    private int calls;

    Cheat(CellConfig c, String cheatOn) {
      super(c);
      this.cheatOn = cheatOn;
    }

    @Override
    public List<ParamSpec> params() {
      return List.of(ParamSpec.weight("W_x", hiddenSize(), inputSize()), ParamSpec.weight("W_h", hiddenSize(), hiddenSize()),
          ParamSpec.bias("b", hiddenSize()));
    }

    @Override
    public List<StateSpec> state() {
      return List.of(StateSpec.of("h", hiddenSize()));
    }

    @Override
    public Step step(CellOps ops, Params w, Tensor x, State s) {
      calls++;
      Tensor pre = ops.add(ops.add(ops.linear(x, w.get("W_x")), ops.linear(s.get(0), w.get("W_h"))), w.get("b"));
      boolean cheat = cheatOn.equals("first call") ? calls == 1
          : cheatOn.equals("tape") ? calls <= TapeGradientCheck.STEPS : ops.getClass().getSimpleName().equals(cheatOn);
      Tensor h = ops.tanh(cheat ? ops.scale(pre, 2) : pre);
      return new Step(h, State.of(h));
    }
  }

  private static String failure(CellFactory factory) {
    return assertThrows(AssertionError.class, () -> CellTestKit.check(factory)).getMessage();
  }

  @Test
  void theBuiltInCellsPass() {
    assertDoesNotThrow(() -> CellTestKit.check(new LstmCell.Factory(), CellOptions.parse(List.of("forget_bias=1"))));
    assertDoesNotThrow(() -> CellTestKit.check(new GruCell.Factory()));
    assertDoesNotThrow(() -> CellTestKit.check(new RnnCell.ReluFactory()));
  }

  @TestFactory
  Stream<DynamicTest> aCustomCellPassesEveryCheck() {
    return CellTestKit.tests(MguCell::new, CellOptions.none());
  }

  @Test
  void aSecondCustomCellPassesByClassName() {
    assertDoesNotThrow(() -> CellTestKit.check(PeepholeLstmCell::new));
  }

  @Test
  void everyCheckIsOneDynamicTestAndEveryTrainingBackendIsChecked() {
    List<String> names = CellTestKit.tests(MguCell::new, CellOptions.none()).map(DynamicTest::getDisplayName).toList();
    String cell = MguCell.class.getName();
    assertEquals(List.of(cell + ": declarations against a dry run of the step", cell + ": step is pure",
        cell + ": float64 gradients of every parameter and state", cell + ": parity on nd4j",
        cell + ": ONNX export on ONNX Runtime"), names.stream().filter(n -> !n.contains("parity on tensorflow")).toList());
  }

  @Test
  void aStateShapeThatDiffersFromItsDeclarationIsNamed() {
    assertEquals("cell '" + BrokenCells.WrongStateShape.class.getName() + "' (WrongStateShape(3→4)) step returned state 'h' "
        + "of shape [2, 8] but the cell declares [B, 4] (its StateSpec size), here [2, 4]; make step() and state() agree",
        failure(BrokenCells.WrongStateShape::new));
  }

  @Test
  void aDeclaredParameterTheStepNeverUsesIsNamed() {
    String m = failure(BrokenCells.UnusedParameter::new);
    assertTrue(m.endsWith("(UnusedParameter(3→4)) declares parameter 'gain' [4] but its step never uses it; "
        + "use it in step() or drop it from params()"), m);
  }

  @Test
  void aStepThatReturnsNanAtInitialisationIsNamed() {
    String m = failure(BrokenCells.NanAtInitialisation::new);
    assertTrue(m.contains("(NanAtInitialisation(3→4)) step returns NaN in its output at initialisation (step 1 from zero "
        + "state of a dry run)"), m);
  }

  @Test
  void anOpOnMismatchedShapesIsNamedWithTheShapesAndTheLine() {
    String m = failure(BrokenCells.MismatchedShapes::new);
    assertTrue(m.contains("(MismatchedShapes(3→4)) step 1 of a dry run failed: mul: shapes [2, 3] and [2, 4] do not fit"), m);
    assertTrue(m.contains("(at BrokenCells$MismatchedShapes.step(BrokenCells.java:"), m);
  }

  @Test
  void aStepThatKeepsStateIsNotPure() {
    String m = failure(c -> new Cheat(c, "first call"));
    assertTrue(m.contains("(Cheat(3→4)) step is not pure: called again with the same inputs (after other inputs), "
        + "its output [2, 4] changed at [0, 0]"), m);
  }

  @Test
  void aWrongGradientNamesTheArrayItsShapeAndTheElement() {
    CellUnderTest c = CellUnderTest.of(conf -> new Cheat(conf, "tape"), CellOptions.none());
    String m = assertThrows(AssertionError.class, () -> TapeGradientCheck.run(c)).getMessage();
    assertTrue(m.matches(".*\\(Cheat\\(3→4\\)\\): the gradient of parameter '(W_x|W_h|b)' \\[[0-9, ]+\\] at \\[[0-9, ]+\\] is "
        + "\\S+ on ND4J's tape but \\S+ by central differences .*"), m);
  }

  @Test
  void aCellThatComputesOtherwiseOnABackendFailsParityThere() {
    String m = failure(c -> new Cheat(c, "Nd4jOps"));
    assertTrue(m.contains("on backend 'nd4j': the logits [T 5, B 3, V 7] at [0, 0, 0] are "), m);
  }

  @Test
  void aCellThatComputesOtherwiseInOnnxFailsTheRoundTrip() {
    String m = failure(c -> new Cheat(c, "OnnxCellOps"));
    assertTrue(m.contains("exported to ONNX: ONNX Runtime's logits differ from the float64 reference's by "), m);
  }
}
