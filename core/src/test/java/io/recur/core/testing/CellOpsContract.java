package io.recur.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.recur.core.cell.RnnCell;
import io.recur.core.cell.State;
import io.recur.core.cell.Step;
import io.recur.core.layer.LayerOps;
import io.recur.core.layer.TimeAxis;
import io.recur.core.tensor.Shape;
import io.recur.core.tensor.Tensor;
import io.recur.core.util.Rng;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden numbers for every op of {@link io.recur.core.ops.CellOps} and {@link LayerOps}, on small
 * inputs whose results are worked out by hand. Each backend subclasses it in a few lines: how to
 * make ops, how to make a tensor, and how to read one back.
 */
public abstract class CellOpsContract {
  /** Fresh ops whose dropout draws from {@code dropout}. */
  protected abstract LayerOps ops(Rng dropout);

  /** A tensor of {@code dims} holding {@code values} (row-major), as the ops' own type. */
  protected abstract Tensor tensor(LayerOps ops, double[] values, int... dims);

  /** Token ids {@code tokens[b][t]} as a time-major {@code [T, B]} tensor. */
  protected abstract Tensor tokens(LayerOps ops, int[][] tokens);

  /** The values of {@code t}, row-major. */
  protected abstract double[] read(Tensor t);

  /** Absolute tolerance of comparisons: float32 backends need about 1e-6. */
  protected double tolerance() {
    return 1e-12;
  }

  private LayerOps ops() {
    return ops(new Rng(0));
  }

  private void assertValues(double[] expected, Tensor actual, long... dims) {
    assertEquals(Shape.of(dims), actual.shape(), "shape");
    assertArrayEquals(expected, read(actual), tolerance());
  }

  @Test
  void linear_multiplies_by_the_transposed_weight() {
    LayerOps o = ops();
    Tensor x = tensor(o, new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor w = tensor(o, new double[] {1, 0, -1, 2, 1, 0}, 2, 3);
    assertValues(new double[] {-2, 4, -2, 13}, o.linear(x, w), 2, 2);
  }

  @Test
  void linear_maps_the_last_axis_of_a_sequence() {
    LayerOps o = ops();
    Tensor x = tensor(o, new double[] {1, 2, 3, 4, 5, 6}, 2, 1, 3);
    Tensor w = tensor(o, new double[] {1, 0, -1, 2, 1, 0}, 2, 3);
    assertValues(new double[] {-2, 4, -2, 13}, o.linear(x, w), 2, 1, 2);
  }

  @Test
  void linear_rejects_a_weight_of_the_wrong_width() {
    LayerOps o = ops();
    Tensor x = tensor(o, new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor w = tensor(o, new double[] {1, 2, 3, 4}, 2, 2);
    assertThrows(IllegalArgumentException.class, () -> o.linear(x, w));
  }

  @Test
  void elementwise_ops_on_equal_shapes() {
    LayerOps o = ops();
    Tensor a = tensor(o, new double[] {1, 2, 3, 4}, 2, 2);
    Tensor b = tensor(o, new double[] {10, 20, 30, 40}, 2, 2);
    assertValues(new double[] {11, 22, 33, 44}, o.add(a, b), 2, 2);
    assertValues(new double[] {-9, -18, -27, -36}, o.sub(a, b), 2, 2);
    assertValues(new double[] {10, 40, 90, 160}, o.mul(a, b), 2, 2);
    assertValues(new double[] {-2, -4, -6, -8}, o.scale(a, -2), 2, 2);
    assertValues(new double[] {0, -1, -2, -3}, o.oneMinus(a), 2, 2);
  }

  @Test
  void a_vector_broadcasts_over_the_leading_axes() {
    LayerOps o = ops();
    double[] seq = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    Tensor v = tensor(o, new double[] {100, 200, 300}, 3);
    Tensor m = tensor(o, new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertValues(new double[] {101, 202, 303, 104, 205, 306}, o.add(m, v), 2, 3);
    Tensor s = tensor(o, seq, 2, 2, 3);
    assertValues(new double[] {101, 202, 303, 104, 205, 306, 107, 208, 309, 110, 211, 312}, o.add(s, v), 2, 2, 3);
    assertValues(new double[] {-99, -198, -297, -96, -195, -294, -93, -192, -291, -90, -189, -288}, o.sub(s, v), 2, 2, 3);
    assertValues(new double[] {100, 400, 900, 400, 1000, 1800, 700, 1600, 2700, 1000, 2200, 3600}, o.mul(s, v), 2, 2, 3);
  }

  @Test
  void shapes_that_do_not_broadcast_are_rejected() {
    LayerOps o = ops();
    Tensor m = tensor(o, new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor wrong = tensor(o, new double[] {1, 2}, 2);
    Tensor other = tensor(o, new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
    assertThrows(IllegalArgumentException.class, () -> o.add(m, wrong));
    assertThrows(IllegalArgumentException.class, () -> o.mul(m, other));
  }

  @Test
  void activations_at_known_points() {
    LayerOps o = ops();
    double ln3 = Math.log(3);
    double ln2 = Math.log(2);
    assertValues(new double[] {0.5, 0.75, 0.25}, o.sigmoid(tensor(o, new double[] {0, ln3, -ln3}, 3)), 3);
    assertValues(new double[] {0, 0.6, -0.6}, o.tanh(tensor(o, new double[] {0, ln2, -ln2}, 3)), 3);
    assertValues(new double[] {0, 0, 2.5}, o.relu(tensor(o, new double[] {-1, 0, 2.5}, 3)), 3);
  }

  @Test
  void split_cuts_the_last_axis_into_blocks_in_order_and_concat_joins_them() {
    LayerOps o = ops();
    Tensor a = tensor(o, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 16, 17, 18}, 2, 8);
    List<Tensor> parts = o.split(a, 4);
    assertEquals(4, parts.size());
    assertValues(new double[] {1, 2, 11, 12}, parts.get(0), 2, 2);
    assertValues(new double[] {3, 4, 13, 14}, parts.get(1), 2, 2);
    assertValues(new double[] {7, 8, 17, 18}, parts.get(3), 2, 2);
    assertValues(new double[] {5, 6, 1, 2, 15, 16, 11, 12}, o.concat(List.of(parts.get(2), parts.get(0))), 2, 4);
    assertValues(read(a), o.concat(parts), 2, 8);
    assertThrows(IllegalArgumentException.class, () -> o.split(a, 3));
  }

  @Test
  void one_hot_rows_are_time_major() {
    LayerOps o = ops();
    Tensor t = tokens(o, new int[][] {{2, 0}, {1, 2}});
    assertValues(new double[] {0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1}, o.oneHot(t, 3), 2, 2, 3);
  }

  @Test
  void embedding_reads_rows_of_the_table() {
    LayerOps o = ops();
    Tensor table = tensor(o, new double[] {0, 1, 10, 11, 20, 21}, 3, 2);
    Tensor t = tokens(o, new int[][] {{2, 0}, {1, 2}});
    assertValues(new double[] {20, 21, 10, 11, 0, 1, 20, 21}, o.embedding(table, t), 2, 2, 2);
  }

  @Test
  void softmax_cross_entropy_is_the_textbook_value() {
    LayerOps o = ops();
    double expected = Math.log(1 + Math.exp(-1) + Math.exp(-2));
    Tensor logits = tensor(o, new double[] {1, 2, 3}, 1, 1, 3);
    assertArrayEquals(new double[] {expected}, read(o.softmaxCrossEntropy(logits, tokens(o, new int[][] {{2}}))), tolerance());
    Tensor uniform = tensor(o, new double[] {5, 5, 5, 5, -1, -1, -1, -1}, 1, 2, 4);
    assertArrayEquals(new double[] {Math.log(4)}, read(o.softmaxCrossEntropy(uniform, tokens(o, new int[][] {{0}, {3}}))), 1e-6);
  }

  @Test
  void softmax_cross_entropy_is_the_mean_over_rows_and_stable_for_large_logits() {
    LayerOps o = ops();
    Tensor logits = tensor(o, new double[] {1000, 0, 0, 1000}, 2, 1, 2);
    double[] loss = read(o.softmaxCrossEntropy(logits, tokens(o, new int[][] {{0, 0}})));
    assertArrayEquals(new double[] {500}, loss, 1e-3);
  }

  @Test
  void layer_norm_standardises_each_row_over_the_last_axis() {
    LayerOps o = ops();
    // row 1: mean 2.5, biased variance 1.25; row 2 is constant: (x - mean) = 0 whatever epsilon.
    Tensor x = tensor(o, new double[] {1, 2, 3, 4, 7, 7, 7, 7}, 2, 4);
    double inv = 1 / Math.sqrt(1.25 + 1e-5);
    assertValues(new double[] {-1.5 * inv, -0.5 * inv, 0.5 * inv, 1.5 * inv, 0, 0, 0, 0}, o.layerNorm(x, 1e-5), 2, 4);
    Tensor seq = tensor(o, new double[] {0, 2, -1, 1}, 2, 1, 2);
    double u = 1 / Math.sqrt(1 + 0.25);
    assertValues(new double[] {-u, u, -u, u}, o.layerNorm(seq, 0.25), 2, 1, 2);
  }

  @Test
  void mean_squared_error_averages_over_every_element() {
    LayerOps o = ops();
    Tensor p = tensor(o, new double[] {1, 2, 3, 4, 5, 6}, 3, 1, 2);
    Tensor t = tensor(o, new double[] {1, 0, 3, 5, 5, 3}, 3, 1, 2);
    assertArrayEquals(new double[] {(4 + 1 + 9) / 6.0}, read(o.meanSquaredError(p, t)), tolerance());
  }

  @Test
  void projected_cross_entropy_equals_projection_then_softmax_cross_entropy() {
    LayerOps o = ops();
    Tensor h = tensor(o, new double[] {0.5, -1, 2, 0.25, 0, 1}, 3, 1, 2);
    Tensor w = tensor(o, new double[] {1, 0, -1, 2, 0.5, 0.5}, 3, 2);
    Tensor b = tensor(o, new double[] {0.1, -0.2, 0.3}, 3);
    Tensor targets = tokens(o, new int[][] {{2, 0, 1}});
    double[] expected = read(o.softmaxCrossEntropy(o.add(o.linear(h, w), b), targets));
    assertArrayEquals(expected, read(o.projectedCrossEntropy(h, w, b, targets)), tolerance() * 10);
  }

  @Test
  void dropout_draws_one_number_per_element_in_row_major_order() {
    double p = 0.3;
    LayerOps o = ops(new Rng(42));
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    double[] y = read(o.dropout(tensor(o, x, 3, 4), p));
    Rng rng = new Rng(42);
    double[] expected = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      expected[i] = rng.nextDouble() < p ? 0 : x[i] / (1 - p);
    }
    assertArrayEquals(expected, y, 1e-5);
  }

  @Test
  void dropout_zeroes_about_p_of_the_elements_and_keeps_the_mean() {
    int n = 20_000;
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1);
    LayerOps o = ops(new Rng(7));
    double[] y = read(o.dropout(tensor(o, ones, 100, 200), 0.5));
    int zeros = 0;
    double sum = 0;
    for (double v : y) {
      if (v == 0) {
        zeros++;
      } else {
        assertEquals(2.0, v, 1e-6);
      }
      sum += v;
    }
    assertEquals(0.5, zeros / (double) n, 0.02);
    assertEquals(1.0, sum / n, 0.04);
    assertArrayEquals(ones, read(o.dropout(tensor(o, ones, 100, 200), 0)), 0);
  }

  @Test
  void recurrent_runs_a_cell_over_time_from_the_initial_state() {
    LayerOps o = ops();
    RnnCell cell = RnnCell.tanh(1, 1);
    Map<String, Tensor> w = Map.of(
        "W_x", tensor(o, new double[] {0.5}, 1, 1),
        "W_h", tensor(o, new double[] {-1}, 1, 1),
        "b", tensor(o, new double[] {0.25}, 1));
    Tensor x = tensor(o, new double[] {1, 0, 2}, 3, 1, 1);
    Step out = o.recurrent("layer0", cell, w::get, x, State.of(tensor(o, new double[] {0.5}, 1, 1)));
    double h1 = Math.tanh(0.5 * 1 - 0.5 + 0.25);
    double h2 = Math.tanh(0.5 * 0 - h1 + 0.25);
    double h3 = Math.tanh(0.5 * 2 - h2 + 0.25);
    assertValues(new double[] {h1, h2, h3}, out.output(), 3, 1, 1);
    assertValues(new double[] {h3}, out.state().get(0), 1, 1);
  }

  @Test
  void time_axis_unstacks_and_stacks_steps() {
    LayerOps o = ops();
    if (!(o instanceof TimeAxis time)) {
      return;
    }
    Tensor s = tensor(o, new double[] {1, 2, 3, 4, 5, 6}, 3, 1, 2);
    List<Tensor> steps = time.unstack(s);
    assertEquals(3, steps.size());
    assertValues(new double[] {3, 4}, steps.get(1), 1, 2);
    assertValues(new double[] {1, 2, 3, 4, 5, 6}, time.stack(steps), 3, 1, 2);
  }
}
