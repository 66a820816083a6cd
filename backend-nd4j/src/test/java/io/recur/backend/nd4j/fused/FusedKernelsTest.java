package io.recur.backend.nd4j.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.cell.GruCell;
import io.recur.core.cell.LstmCell;
import io.recur.core.cell.ParamSpec;
import io.recur.core.cell.Params;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.RnnCell;
import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.cell.Step;
import io.recur.core.ops.CellOps;
import io.recur.core.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The registry finds a kernel for each built-in cell and none for any other cell. */
class FusedKernelsTest {
  /** A cell of the user's own: same parameters as the RNN, but not one. */
  private static final class OwnCell implements RecurrentCell {
    @Override
    public int inputSize() {
      return 2;
    }

    @Override
    public int hiddenSize() {
      return 3;
    }

    @Override
    public List<ParamSpec> params() {
      return List.of(ParamSpec.weight("W_x", 3, 2), ParamSpec.weight("W_h", 3, 3), ParamSpec.bias("b", 3));
    }

    @Override
    public List<StateSpec> state() {
      return List.of(StateSpec.of("h", 3));
    }

    @Override
    public Step step(CellOps ops, Params w, Tensor x, State s) {
      Tensor h = ops.relu(ops.add(ops.linear(x, w.get("W_x")), w.get("b")));
      return new Step(h, State.of(h));
    }
  }

  @Test
  void eachBuiltInCellHasItsKernel() {
    RecurrentCell lstm = new LstmCell(4, 5, 1f);
    RecurrentCell gru = new GruCell(4, 5);
    RecurrentCell tanh = RnnCell.tanh(4, 5);
    RecurrentCell relu = RnnCell.relu(4, 5);
    assertTrue(FusedKernels.find(lstm).orElseThrow() instanceof LstmKernel);
    assertTrue(FusedKernels.find(gru).orElseThrow() instanceof GruKernel);
    assertTrue(FusedKernels.find(tanh).orElseThrow() instanceof RnnKernel);
    assertTrue(FusedKernels.find(relu).orElseThrow() instanceof RnnKernel);
    assertFalse(FusedKernels.find(lstm).orElseThrow().supports(gru));
    assertFalse(FusedKernels.find(gru).orElseThrow().supports(tanh));
  }

  @Test
  void anyOtherCellHasNone() {
    assertTrue(FusedKernels.find(new OwnCell()).isEmpty());
  }

  @Test
  void aKernelRefusesACellItDoesNotCompute() {
    FusedKernel lstm = FusedKernels.find(new LstmCell(2, 3)).orElseThrow();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> lstm.forward(new OwnCell(), Nd4j.zeros(1, 1, 2), Map.of(), List.of(Nd4j.zeros(1, 3)), false));
    assertTrue(e.getMessage().startsWith("the LSTM kernel cannot run "), e.getMessage());
  }

  @Test
  void threadsMustBePositive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FusedKernels.setThreads(0));
    assertEquals("threads must be ≥ 1 (got 0)", e.getMessage());
    assertEquals(1, FusedKernels.threads());
  }
}
