package io.recur.backend.nd4j.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.recur.backend.nd4j.fused.Problem.Kind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Arrays that do not fit the cell are refused with a message naming the array, the expected and the actual shape. */
class ArgumentsTest {
  private final Problem p = new Problem(Kind.LSTM, 2, 3, 4, 5, 1);
  private final FusedKernel kernel = FusedKernels.find(p.cell).orElseThrow();

  private static void assertRefused(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void inputOfTheWrongShape() {
    assertRefused("x must be [T, B, 4] with T, B ≥ 1 for LstmCell(4→5) (got [2, 3, 6])",
        () -> kernel.forward(p.cell, Nd4j.zeros(2, 3, 6), p.paramArrays(), p.stateArrays(), true));
    assertRefused("x must be [T, B, 4] with T, B ≥ 1 for LstmCell(4→5) (got [6, 4])",
        () -> kernel.forward(p.cell, Nd4j.zeros(6, 4), p.paramArrays(), p.stateArrays(), true));
  }

  @Test
  void missingOrMisshapenParameter() {
    Map<String, INDArray> missing = new HashMap<>(p.paramArrays());
    missing.remove("W_h");
    assertRefused("LstmCell(4→5) needs parameter 'W_h' (given " + missing.keySet() + ")",
        () -> kernel.forward(p.cell, p.xArray(), missing, p.stateArrays(), true));
    Map<String, INDArray> transposed = new HashMap<>(p.paramArrays());
    transposed.put("W_x", Nd4j.zeros(4, 20));
    assertRefused("parameter 'W_x' of LstmCell(4→5) must be W_x[20, 4] (got [4, 20])",
        () -> kernel.forward(p.cell, p.xArray(), transposed, p.stateArrays(), true));
  }

  @Test
  void wrongStateCountOrShape() {
    assertRefused("LstmCell(4→5) carries [StateSpec[name=h, size=5], StateSpec[name=c, size=5]] (got 1 state arrays)",
        () -> kernel.forward(p.cell, p.xArray(), p.paramArrays(), List.of(Nd4j.zeros(3, 5)), true));
    assertRefused("each initial state of LstmCell(4→5) must be [3, 5] (got [5, 3])",
        () -> kernel.forward(p.cell, p.xArray(), p.paramArrays(), List.of(Nd4j.zeros(3, 5), Nd4j.zeros(5, 3)), true));
  }

  @Test
  void incomingGradientsOfTheWrongShape() {
    FusedKernel.Pass pass = kernel.forward(p.cell, p.xArray(), p.paramArrays(), p.stateArrays(), true);
    assertRefused("dOutput must be [2, 3, 5] (got [1, 3, 5])", () -> pass.backward(Nd4j.zeros(1, 3, 5), null));
    assertRefused("dFinalState[1] must be [3, 5] (got [3, 4])", () -> pass.backward(null, List.of(Nd4j.zeros(3, 5), Nd4j.zeros(3, 4))));
    pass.backward(null, null);
  }
}
