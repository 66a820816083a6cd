package io.recur.core.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.ops.CellOps;
import io.recur.core.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellRegistryTest {
  /** A user cell found by class name: h' = tanh(x·W_xᵀ). */
  public static final class Echo implements RecurrentCell {
    private final int in;
    private final int hidden;

    public Echo(int in, int hidden) {
      this.in = in;
      this.hidden = hidden;
    }

    @Override
    public int inputSize() {
      return in;
    }

    @Override
    public int hiddenSize() {
      return hidden;
    }

    @Override
    public List<ParamSpec> params() {
      return List.of(ParamSpec.weight("W_x", hidden, in));
    }

    @Override
    public List<StateSpec> state() {
      return List.of(StateSpec.of("h", hidden));
    }

    @Override
    public Step step(CellOps ops, Params w, Tensor x, State s) {
      Tensor h = ops.tanh(ops.linear(x, w.get("W_x")));
      return new Step(h, State.of(h));
    }
  }

  /** A class that is not a cell. */
  public static final class NotACell {}

  private final CellRegistry registry = CellRegistry.withBuiltIns();

  @Test
  void resolvesBuiltInsByName() {
    assertInstanceOf(LstmCell.class, registry.resolve("lstm").create(3, 4));
    assertInstanceOf(GruCell.class, registry.resolve("gru").create(3, 4));
    assertEquals(RnnCell.Activation.RELU, ((RnnCell) registry.resolve("rnn-relu").create(3, 4)).activation());
    assertEquals(RnnCell.Activation.TANH, ((RnnCell) registry.resolve("rnn").create(3, 4)).activation());
  }

  @Test
  void lstmFactoryHonoursTheForgetBias() {
    RecurrentCell c = registry.resolve("lstm").create(new CellConfig(3, 2, CellOptions.parse(List.of("forget_bias=1"))));
    float[] b = c.params().get(2).initializer().orElseThrow().initialize(new int[] {8}, new io.recur.core.util.Rng(0));
    assertEquals(List.of(0f, 0f, 1f, 1f, 0f, 0f, 0f, 0f), toList(b));
  }

  @Test
  void resolvesUserCellsByClassName() {
    RecurrentCell c = registry.resolve(Echo.class.getName()).create(5, 6);
    assertInstanceOf(Echo.class, c);
    assertEquals(6, c.hiddenSize());
  }

  @Test
  void errorsNameTheValidChoices() {
    var e = assertThrows(InvalidInputException.class, () -> registry.resolve("lstmm"));
    assertTrue(e.getMessage().contains("[gru, lstm, rnn, rnn-relu]") && e.getMessage().contains("--cell"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> registry.resolve("com.nowhere.Cell"));
    assertTrue(e.getMessage().contains("not on the classpath"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> registry.resolve(NotACell.class.getName()));
    assertTrue(e.getMessage().contains("does not implement"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> registry.resolve("java.lang.String"));
    assertTrue(e.getMessage().contains("does not implement"), e.getMessage());
  }

  @Test
  void cellsRejectNonPositiveSizes() {
    var e = assertThrows(InvalidInputException.class, () -> new LstmCell(3, -3));
    assertEquals("hiddenSize must be > 0 (got -3)", e.getMessage());
  }

  private static List<Float> toList(float[] a) {
    List<Float> l = new java.util.ArrayList<>();
    for (float v : a) {
      l.add(v);
    }
    return l;
  }
}
