package io.recur.backend.tensorflow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.cell.CellRegistry;
import io.recur.core.cell.ParamSpec;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.cell.Step;
import io.recur.core.model.SequenceModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.tensor.Tensor;
import io.recur.core.check.GradientCheck;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.op.Ops;

/**
 * TensorFlow's graph gradients (and the registered cross-entropy gradient) against central
 * differences in float64: every op on its own, every built-in cell and a custom one over several
 * steps from a non-zero initial state, and whole models: language models (embedding or one-hot
 * input, a two-layer stack with dropout, tied weights, projection and loss) and series models
 * (recurrent and linear, squared error).
 */
class TfGradientCheckTest {
  private static final double TOLERANCE = 1e-5;
  private static final int T = 5;
  private static final int B = 2;
  private static final int I = 3;
  private static final int H = 4;
  private static final int V = 5;

  /** {@code Σ out ⊙ R}: a scalar whose gradient reaches every element of {@code out}. */
  private static Tensor probe(GraphHarness.Context c, Tensor out) {
    Ops tf = c.ops().tf();
    return new TfTensor(tf.sum(tf.math.mul(TfOps.f(out), TfOps.f(c.param("R"))), TfOps.allAxes(tf, out.shape().rank())));
  }

  private static void checkOp(String what, BiFunction<GraphHarness.Context, TfOps, Tensor> op, long[] out, long[]... args) {
    Rng rng = new Rng(what.hashCode());
    try (GraphHarness h = new GraphHarness(c -> probe(c, op.apply(c, c.ops())), 3)) {
      for (int i = 0; i < args.length; i++) {
        h.random("a" + i, rng, 1.0, args[i]);
      }
      h.random("R", rng, 1.0, out);
      report(what, h.check(TOLERANCE));
    }
  }

  private static long[] s(long... dims) {
    return dims;
  }

  @Test
  void every_cell_op_differentiates_correctly() {
    checkOp("linear [B, in]", (c, o) -> o.linear(c.param("a0"), c.param("a1")), s(2, 4), s(2, 3), s(4, 3));
    checkOp("linear [T, B, in]", (c, o) -> o.linear(c.param("a0"), c.param("a1")), s(3, 2, 4), s(3, 2, 3), s(4, 3));
    checkOp("add", (c, o) -> o.add(c.param("a0"), c.param("a1")), s(2, 3), s(2, 3), s(2, 3));
    checkOp("add, vector broadcast", (c, o) -> o.add(c.param("a0"), c.param("a1")), s(3, 2, 4), s(3, 2, 4), s(4));
    checkOp("sub, vector broadcast", (c, o) -> o.sub(c.param("a0"), c.param("a1")), s(2, 4), s(2, 4), s(4));
    checkOp("mul", (c, o) -> o.mul(c.param("a0"), c.param("a1")), s(2, 3), s(2, 3), s(2, 3));
    checkOp("mul, vector broadcast", (c, o) -> o.mul(c.param("a0"), c.param("a1")), s(3, 2, 4), s(3, 2, 4), s(4));
    checkOp("scale", (c, o) -> o.scale(c.param("a0"), -1.7), s(2, 3), s(2, 3));
    checkOp("oneMinus", (c, o) -> o.oneMinus(c.param("a0")), s(2, 3), s(2, 3));
    checkOp("sigmoid", (c, o) -> o.sigmoid(c.param("a0")), s(2, 3), s(2, 3));
    checkOp("tanh", (c, o) -> o.tanh(c.param("a0")), s(2, 3), s(2, 3));
    checkOp("relu", (c, o) -> o.relu(c.param("a0")), s(2, 3), s(2, 3));
    checkOp("split and concat", (c, o) -> {
      List<Tensor> parts = o.split(c.param("a0"), 3);
      return o.concat(List.of(parts.get(2), parts.get(0), o.mul(parts.get(1), parts.get(0))));
    }, s(2, 6), s(2, 6));
    checkOp("embedding", (c, o) -> o.embedding(c.param("a0"), Graphs.tokens(o.tf(), new int[][] {{2, 0, 2}, {1, 3, 0}})),
        s(3, 2, 2), s(4, 2));
    checkOp("dropout", (c, o) -> o.dropout(c.param("a0"), 0.4), s(6, 5), s(6, 5));
    checkOp("layerNorm", (c, o) -> o.layerNorm(c.param("a0"), 1e-3), s(3, 2, 5), s(3, 2, 5));
  }

  @Test
  void mean_squared_error_differentiates_correctly() {
    Rng rng = new Rng(2);
    try (GraphHarness h = new GraphHarness(c -> c.ops().meanSquaredError(c.param("p"), c.param("t")), 0)) {
      h.random("p", rng, 1.0, 4, 3, 2).random("t", rng, 1.0, 4, 3, 2);
      report("mean squared error", h.check(TOLERANCE));
    }
  }

  @Test
  void the_registered_cross_entropy_gradient_equals_central_differences() {
    Rng rng = new Rng(1);
    int[][] targets = targets(rng, 3, 4);
    try (GraphHarness h = new GraphHarness(c -> c.ops().softmaxCrossEntropy(c.param("logits"), Graphs.tokens(c.ops().tf(), targets)), 0)) {
      h.random("logits", rng, 3.0, 4, 3, V);
      report("softmax cross-entropy", h.check(TOLERANCE));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rnn", "rnn-relu", "lstm", "gru", "io.recur.core.testing.MguCell"})
  void a_layer_over_several_steps_differentiates_correctly(String name) {
    RecurrentCell cell = CellRegistry.withBuiltIns().resolve(name).create(I, H);
    int[][] targets = targets(new Rng(5), B, T);
    int[][] finalTargets = targets(new Rng(6), B, 1);
    int stateWidth = cell.state().stream().mapToInt(StateSpec::size).sum();
    try (GraphHarness h = new GraphHarness(c -> {
      TfOps o = c.ops();
      List<Tensor> s0 = new ArrayList<>();
      for (StateSpec s : cell.state()) {
        s0.add(c.param("s0." + s.name()));
      }
      Step out = o.recurrent("layer0", cell, p -> c.param("w." + p), c.param("x"), new State(s0));
      Tensor logits = o.add(o.linear(out.output(), c.param("out.W")), c.param("out.b"));
      Tensor seqLoss = o.softmaxCrossEntropy(logits, Graphs.tokens(o.tf(), targets));
      Tensor fin = o.linear(o.concat(out.state().values()), c.param("fin.W"));
      Tensor finLoss = o.softmaxCrossEntropy(o.stack(List.of(fin)), Graphs.tokens(o.tf(), finalTargets));
      return o.add(seqLoss, finLoss);
    }, 0)) {
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
  }

  @Test
  void a_two_layer_stack_with_embedding_and_dropout_differentiates_correctly() {
    ModelSpec spec = ModelSpec.builder().cell("lstm").vocabSize(V).embed(3).hidden(H).layers(2).dropout(0.3).build();
    checkModel("2-layer lstm, embedding, dropout", spec);
  }

  @Test
  void a_one_hot_model_with_projection_differentiates_correctly() {
    checkModel("gru, one-hot", ModelSpec.builder().cell("gru").vocabSize(V).hidden(H).build());
  }

  @Test
  void a_language_model_with_tied_weights_differentiates_correctly() {
    checkModel("tied lstm", ModelSpec.builder().cell("lstm").vocabSize(V).embed(H).hidden(H).tied(true).build());
  }

  @Test
  void a_series_model_differentiates_correctly() {
    checkModel("series gru, 2 layers", ModelSpec.builder().series(3, 2).cell("gru").hidden(H).layers(2).build());
    checkModel("series linear AR", ModelSpec.builder().series(3, 2).cell(ModelSpec.LINEAR).layers(0).build());
  }

  private static void checkModel(String what, ModelSpec spec) {
    SequenceModel m = SequenceModel.of(spec, CellRegistry.withBuiltIns());
    boolean language = spec.task() == ModelSpec.Task.LANGUAGE;
    int[][] inputs = targets(new Rng(21), B, T);
    int[][] targets = targets(new Rng(22), B, T);
    try (GraphHarness h = new GraphHarness(c -> {
      List<State> states = new ArrayList<>();
      for (int l = 0; l < spec.layers(); l++) {
        List<Tensor> s = new ArrayList<>();
        for (StateSpec st : m.stateSpecs().get(l)) {
          s.add(c.param("state" + l + "." + st.name()));
        }
        states.add(new State(s));
      }
      Ops tf = c.ops().tf();
      Tensor in = language ? Graphs.tokens(tf, inputs) : c.param("inputs");
      Tensor target = language ? Graphs.tokens(tf, targets) : c.param("targets");
      SequenceModel.Output out = m.forward(c.ops(), k -> c.param(k.toString()), in, states, true);
      return m.loss(c.ops(), k -> c.param(k.toString()), out.features(), target);
    }, 99)) {
      Rng rng = new Rng(12);
      if (!language) {
        h.random("inputs", rng, 1.0, T, B, spec.features()).random("targets", rng, 1.0, T, B, spec.outputs());
      }
      m.parameters().forEach((k, p) -> h.random(k.toString(), rng, 0.6, toLong(p.shape())));
      for (int l = 0; l < spec.layers(); l++) {
        for (StateSpec st : m.stateSpecs().get(l)) {
          h.random("state" + l + "." + st.name(), rng, 0.5, B, st.size());
        }
      }
      report(what, h.check(TOLERANCE));
    }
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
