package io.recur.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.cell.CellRegistry;
import io.recur.core.cell.ParamSpec;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.cell.Step;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.SequenceModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.tensor.Tensor;
import io.recur.core.check.GradientCheck;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tape's gradients against central differences in float64: every built-in cell and a custom
 * one over several steps from a non-zero initial state (gradients w.r.t. the weights, the input
 * and the initial state), the projected cross-entropy, whole language models (embedding or
 * one-hot input, a two-layer stack with dropout, projection and loss), and series models: the
 * mean-squared-error head on one and two recurrent layers and on the inputs directly (the linear
 * autoregressive model), with gradients w.r.t. the parameters, the real-valued inputs and the
 * initial state.
 */
class Nd4jGradientCheckTest {
  private static final double TOLERANCE = 1e-5;
  private static final int T = 5;
  private static final int B = 2;
  private static final int I = 3;
  private static final int H = 4;
  private static final int V = 5;

  @ParameterizedTest
  @ValueSource(strings = {"rnn", "rnn-relu", "lstm", "gru", "io.recur.core.testing.MguCell",
      "io.recur.core.testing.PeepholeLstmCell"})
  void a_layer_over_several_steps_differentiates_correctly(String name) {
    RecurrentCell cell = CellRegistry.withBuiltIns().resolve(name).create(I, H);
    int[][] targets = targets(new Rng(5), B, T);
    int[][] finalTargets = targets(new Rng(6), B, 1);
    int stateWidth = cell.state().stream().mapToInt(StateSpec::size).sum();
    TapeHarness h = new TapeHarness(c -> {
      List<Tensor> s0 = new ArrayList<>();
      for (StateSpec s : cell.state()) {
        s0.add(c.param("s0." + s.name()));
      }
      Step out = c.ops().recurrent("layer0", cell, p -> c.param("w." + p), c.param("x"), new State(s0));
      Tensor logits = c.ops().add(c.ops().linear(out.output(), c.param("out.W")), c.param("out.b"));
      Tensor seqLoss = c.ops().softmaxCrossEntropy(logits, c.ops().tokens(targets));
      Tensor fin = c.ops().linear(c.ops().concat(out.state().values()), c.param("fin.W"));
      Tensor finLoss = c.ops().softmaxCrossEntropy(fin, c.ops().tokens(finalTargets));
      return Nd4jOps.t(c.ops().add(seqLoss, finLoss));
    }, 0);
    Rng rng = new Rng(11);
    for (ParamSpec p : cell.params()) {
      h.random("w." + p.name(), rng, 0.6, toLong(p.shape()));
    }
    for (StateSpec s : cell.state()) {
      h.random("s0." + s.name(), rng, 0.8, B, s.size());
    }
    h.random("x", rng, 1.0, T, B, I).random("out.W", rng, 0.8, V, H).random("out.b", rng, 0.3, V)
        .random("fin.W", rng, 0.8, V, stateWidth);
    report(name + " layer", h.check(TOLERANCE));
  }

  @Test
  void sub_mul_and_scale_with_a_rank_one_operand_differentiate_correctly() {
    int[][] targets = targets(new Rng(7), B, 1);
    TapeHarness h = new TapeHarness(c -> {
      Tensor x = c.param("x");
      Tensor v = c.param("v");
      Tensor u = c.param("u");
      Tensor y = c.ops().scale(c.ops().sub(c.ops().mul(x, v), u), -0.7);
      Tensor z = c.ops().mul(c.ops().tanh(y), c.ops().sub(x, v));
      Tensor logits = c.ops().linear(z, c.param("out.W"));
      return Nd4jOps.t(c.ops().softmaxCrossEntropy(logits, c.ops().tokens(targets)));
    }, 0);
    Rng rng = new Rng(13);
    h.random("x", rng, 1.0, B, H).random("v", rng, 0.9, H).random("u", rng, 0.5, H).random("out.W", rng, 0.8, V, H);
    report("sub, mul, scale by rank-1", h.check(TOLERANCE));
  }

  @Test
  void a_two_layer_stack_with_embedding_and_dropout_differentiates_correctly() {
    ModelSpec spec = ModelSpec.builder().cell("lstm").vocabSize(V).embed(3).hidden(H).layers(2).dropout(0.3).build();
    report("2-layer lstm, embedding, dropout", model(spec).check(TOLERANCE));
  }

  @Test
  void a_one_hot_model_with_projection_differentiates_correctly() {
    ModelSpec spec = ModelSpec.builder().cell("gru").vocabSize(V).hidden(H).build();
    report("gru, one-hot", model(spec).check(TOLERANCE));
  }

  @Test
  void the_projected_cross_entropy_differentiates_correctly() {
    int[][] targets = targets(new Rng(7), B, T);
    TapeHarness h = new TapeHarness(c -> Nd4jOps.t(c.ops().projectedCrossEntropy(c.param("h"), c.param("W"), c.param("b"),
        c.ops().tokens(targets))), 0);
    Rng rng = new Rng(8);
    h.random("h", rng, 1.0, T, B, H).random("W", rng, 0.8, V, H).random("b", rng, 0.3, V);
    report("projected cross-entropy", h.check(TOLERANCE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gru", "lstm"})
  void a_one_layer_series_model_with_its_squared_error_head_differentiates_correctly(String cell) {
    ModelSpec spec = ModelSpec.builder().cell(cell).hidden(H).series(I, 2).build();
    report("series " + cell + ", 1 layer", series(spec).check(TOLERANCE));
  }

  @Test
  void a_two_layer_series_model_with_dropout_differentiates_correctly() {
    ModelSpec spec = ModelSpec.builder().cell("rnn").layers(2).hidden(H).dropout(0.3).series(I, 1).build();
    report("series rnn, 2 layers, dropout", series(spec).check(TOLERANCE));
  }

  @Test
  void the_linear_series_model_differentiates_correctly() {
    ModelSpec spec = ModelSpec.builder().cell(ModelSpec.LINEAR).layers(0).hidden(1).series(I, 2).build();
    report("series linear", series(spec).check(TOLERANCE));
  }

  /** A series model's loss as a function of its parameters, its inputs {@code x [T,B,F]} and initial state. */
  private static TapeHarness series(ModelSpec spec) {
    SequenceModel m = SequenceModel.of(spec, CellRegistry.withBuiltIns());
    TapeHarness h = new TapeHarness(c -> {
      SequenceModel.Output out = m.forward(c.ops(), k -> c.param(k.toString()), c.param("x"), states(c, m), true);
      return Nd4jOps.t(m.loss(c.ops(), k -> c.param(k.toString()), out.features(), c.param("targets")));
    }, 98);
    Rng rng = new Rng(13);
    m.parameters().forEach((k, p) -> h.random(k.toString(), rng, 0.6, toLong(p.shape())));
    randomStates(h, m, rng);
    return h.random("x", rng, 1.5, T, B, spec.features()).random("targets", rng, 1.0, T, B, spec.outputs());
  }

  private static List<State> states(TapeHarness.Context c, SequenceModel m) {
    List<State> states = new ArrayList<>();
    for (int l = 0; l < m.stateSpecs().size(); l++) {
      List<Tensor> s = new ArrayList<>();
      for (StateSpec st : m.stateSpecs().get(l)) {
        s.add(c.param("state" + l + "." + st.name()));
      }
      states.add(new State(s));
    }
    return states;
  }

  private static void randomStates(TapeHarness h, SequenceModel m, Rng rng) {
    for (int l = 0; l < m.stateSpecs().size(); l++) {
      for (StateSpec st : m.stateSpecs().get(l)) {
        h.random("state" + l + "." + st.name(), rng, 0.5, B, st.size());
      }
    }
  }

  private static TapeHarness model(ModelSpec spec) {
    LanguageModel m = new LanguageModel(spec, CellRegistry.withBuiltIns());
    int[][] inputs = targets(new Rng(21), B, T);
    int[][] targets = targets(new Rng(22), B, T);
    TapeHarness h = new TapeHarness(c -> {
      SequenceModel.Output out = m.forward(c.ops(), k -> c.param(k.toString()), c.ops().tokens(inputs), states(c, m), true);
      return Nd4jOps.t(m.loss(c.ops(), k -> c.param(k.toString()), out.features(), c.ops().tokens(targets)));
    }, 99);
    Rng rng = new Rng(12);
    m.parameters().forEach((k, p) -> h.random(k.toString(), rng, 0.6, toLong(p.shape())));
    randomStates(h, m, rng);
    return h;
  }

  private static void report(String what, GradientCheck.Report r) {
    System.out.printf("gradient check %-34s %4d elements, worst %s%n", what, r.checked(), r.worst());
    assertTrue(r.checked() > 0);
  }

  static int[][] targets(Rng rng, int rows, int steps) {
    int[][] t = new int[rows][steps];
    for (int[] row : t) {
      for (int s = 0; s < steps; s++) {
        row[s] = rng.nextInt(V);
      }
    }
    return t;
  }

  static long[] toLong(int[] dims) {
    long[] l = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      l[i] = dims[i];
    }
    return l;
  }
}
