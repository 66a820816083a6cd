package io.recur.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.config.FusedMode;
import io.recur.core.tensor.DType;
import io.recur.core.tensor.Tensor;
import io.recur.core.util.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The tape's bookkeeping: accumulation without aliasing, constants, groups, and the arena. */
class TapeTest {
  private final Arena arena = new Arena();
  private final Tape tape = new Tape(arena);
  private final Nd4jOps ops = new Nd4jOps(DType.FLOAT64, tape, arena, new Rng(0), new Recurrence(FusedMode.OFF));

  private static INDArray vec(double... v) {
    return Nd4j.createFromArray(v);
  }

  private static double[] values(INDArray a) {
    return a.dup('c').data().asDouble();
  }

  @Test
  void a_value_used_twice_gets_both_gradients_and_the_seed_is_not_written() {
    Nd4jTensor a = ops.variable(vec(1, 2));
    Nd4jTensor b = ops.variable(vec(3, 5));
    Nd4jTensor y = Nd4jOps.t(ops.mul(ops.add(a, a), b));
    INDArray seed = vec(1, 10);
    tape.backward(y, seed);
    assertArrayEquals(new double[] {6, 100}, values(tape.gradient(a)), 0);
    assertArrayEquals(new double[] {2, 40}, values(tape.gradient(b)), 0);
    assertArrayEquals(new double[] {1, 10}, values(seed), 0, "the seed is shared, never accumulated into");
  }

  @Test
  void constants_record_nothing_and_receive_no_gradient() {
    Nd4jTensor c = ops.constant(vec(1, 2));
    Tensor y = ops.tanh(ops.scale(c, 2));
    assertFalse(Nd4jOps.t(y).tracked());
    assertNull(tape.gradient(c));
    assertThrows(IllegalArgumentException.class, () -> tape.backward(Nd4jOps.t(y), vec(1, 1)));
  }

  @Test
  void split_blocks_that_get_no_gradient_count_as_zero() {
    Nd4jTensor a = ops.variable(vec(1, 2, 3, 4).reshape(1, 4));
    List<Tensor> parts = ops.split(a, 2);
    Nd4jTensor y = Nd4jOps.t(ops.scale(parts.get(1), 3));
    tape.backward(y, Nd4j.ones(DataType.DOUBLE, 1, 2));
    assertArrayEquals(new double[] {0, 0, 3, 3}, values(tape.gradient(a)), 0);
  }

  @Test
  void a_group_runs_when_only_its_first_output_has_a_gradient() {
    Nd4jTensor a = ops.variable(vec(1, 2, 3, 4).reshape(1, 4));
    List<Tensor> parts = ops.split(a, 2);
    Nd4jTensor y = Nd4jOps.t(ops.scale(parts.get(0), 5));
    tape.backward(y, Nd4j.ones(DataType.DOUBLE, 1, 2));
    assertArrayEquals(new double[] {5, 5, 0, 0}, values(tape.gradient(a)), 0);
  }

  @Test
  void the_arena_frees_what_a_pass_allocated_and_nothing_else() {
    INDArray param = vec(1, 2, 3);
    Nd4jTensor p = ops.variable(param);
    INDArray made = Nd4jOps.t(ops.sigmoid(p)).value();
    assertTrue(arena.owns(made));
    assertFalse(arena.owns(param));
    arena.close();
    assertTrue(made.wasClosed());
    assertFalse(param.wasClosed());
    assertArrayEquals(new double[] {1, 2, 3}, values(param), 0);
  }
}
