package io.recur.backend.nd4j;

import io.recur.core.tensor.DType;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.backend.nd4j.fused.FusedKernel;
import io.recur.core.InvalidInputException;
import io.recur.core.cell.CellRegistry;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.RnnCell;
import io.recur.core.cell.State;
import io.recur.core.cell.Step;
import io.recur.core.config.FusedMode;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.ops.Initializers;
import io.recur.core.optim.Optimizer;
import io.recur.core.sequence.Batch;
import io.recur.core.tensor.Tensor;
import io.recur.core.util.Rng;
import io.recur.data.partition.SequentialPartitioner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** How {@link Nd4jOps#recurrent} chooses between a fused kernel and the generic path, and how a kernel sits on the tape. */
class RecurrenceTest {
  private static final RnnCell CELL = RnnCell.tanh(3, 4);

  /** Gradients (and the output) of a loss over the layer's outputs and final state, by name. */
  private static Map<String, float[]> run(Recurrence recurrence) {
    return run(recurrence, true);
  }

  /** As {@link #run(Recurrence)}; without {@code useFinalState} the final state gets no gradient, as in training. */
  private static Map<String, float[]> run(Recurrence recurrence, boolean useFinalState) {
    try (Arena arena = new Arena()) {
      Tape tape = new Tape(arena);
      Nd4jOps ops = new Nd4jOps(DType.FLOAT32, tape, arena, new Rng(0), recurrence);
      Rng rng = new Rng(1);
      Map<String, Nd4jTensor> in = new LinkedHashMap<>();
      in.put("W_x", ops.variable(random(rng, 4, 3)));
      in.put("W_h", ops.variable(random(rng, 4, 4)));
      in.put("b", ops.variable(random(rng, 4)));
      in.put("x", ops.variable(random(rng, 5, 2, 3)));
      in.put("h0", ops.variable(random(rng, 2, 4)));
      Step out = ops.recurrent("layer0", CELL, in::get, in.get("x"), State.of(in.get("h0")));
      Tensor readout = ops.linear(ops.concat(List.of(out.state().get(0), ops.tanh(out.state().get(0)))),
          ops.variable(random(rng, 5, 8)));
      Tensor outputLoss = ops.softmaxCrossEntropy(ops.linear(out.output(), ops.variable(random(rng, 5, 4))),
          ops.tokens(new int[][] {{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}}));
      Tensor loss = useFinalState
          ? ops.add(outputLoss, ops.softmaxCrossEntropy(readout, ops.tokens(new int[][] {{1, 2}})))
          : outputLoss;
      tape.backward(Nd4jOps.t(loss), Nd4j.scalar(DataType.FLOAT, 1f));
      Map<String, float[]> g = new LinkedHashMap<>();
      g.put("output", Nd4jOps.t(out.output()).value().dup('c').data().asFloat());
      in.forEach((k, t) -> g.put(k, tape.gradient(t).dup('c').data().asFloat()));
      return g;
    }
  }

  private static INDArray random(Rng rng, long... shape) {
    INDArray a = Nd4j.create(DataType.FLOAT, shape, 'c');
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, 2 * rng.nextDouble() - 1);
    }
    return a;
  }

  private static Function<RecurrentCell, Optional<FusedKernel>> only(FusedKernel k) {
    return c -> k.supports(c) ? Optional.of(k) : Optional.empty();
  }

  @Test
  void a_fused_kernel_runs_as_one_tape_entry_and_matches_the_generic_path() {
    TanhRnnTestKernel kernel = new TanhRnnTestKernel();
    Map<String, float[]> fused = run(new Recurrence(FusedMode.AUTO, only(kernel)));
    Map<String, float[]> generic = run(new Recurrence(FusedMode.OFF, only(kernel)));
    assertEquals(1, kernel.forwards.get());
    assertEquals(1, kernel.backwards.get());
    generic.forEach((name, g) -> assertArrayEquals(g, fused.get(name), 1e-5f, name));
  }

  @Test
  void a_fused_kernel_is_differentiated_when_only_its_output_is_used() {
    TanhRnnTestKernel kernel = new TanhRnnTestKernel();
    Map<String, float[]> fused = run(new Recurrence(FusedMode.ON, only(kernel)), false);
    Map<String, float[]> generic = run(new Recurrence(FusedMode.OFF, only(kernel)), false);
    assertEquals(1, kernel.backwards.get());
    generic.forEach((name, g) -> assertArrayEquals(g, fused.get(name), 1e-5f, name));
  }

  @Test
  void a_training_session_with_a_fused_kernel_computes_the_generic_gradients() {
    TanhRnnTestKernel kernel = new TanhRnnTestKernel();
    ModelSpec spec = ModelSpec.builder().cell("rnn").vocabSize(6).hidden(8).layers(2).build();
    LanguageModel m = new LanguageModel(spec, CellRegistry.withBuiltIns());
    ParameterSet init = m.initialize(Initializers.Scheme.XAVIER, 4);
    List<Batch> batches = SequentialPartitioner.evaluation().epoch(TestCorpus.walk(300, 6, 9), 3, 7, new Rng(0));
    try (Nd4jTrainingSession fused = new Nd4jTrainingSession(m, init, Optimizer.named("sgd"), new Recurrence(FusedMode.ON, only(kernel)));
        Nd4jTrainingSession generic = new Nd4jTrainingSession(m, init, Optimizer.named("sgd"), new Recurrence(FusedMode.OFF))) {
      for (Batch b : batches.subList(0, 2)) {
        assertEquals(generic.computeGradients(b, 0).sum(), fused.computeGradients(b, 0).sum(), 1e-4);
        ParameterSet gf = fused.gradients();
        generic.gradients().forEach((k, g) -> assertArrayEquals(g.data(), gf.get(k).data(), 1e-5f, k.toString()));
      }
    }
    assertEquals(4, kernel.forwards.get(), "two layers, two batches");
    assertEquals(4, kernel.backwards.get());
  }

  @Test
  void on_without_a_kernel_says_to_use_auto() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> run(new Recurrence(FusedMode.ON, c -> Optional.empty())));
    assertTrue(e.getMessage().contains("--fused auto"), e.getMessage());
    assertTrue(e.getMessage().contains("RnnCell"), e.getMessage());
  }

  @Test
  void auto_without_a_kernel_and_float64_take_the_generic_path() {
    TanhRnnTestKernel kernel = new TanhRnnTestKernel();
    run(new Recurrence(FusedMode.AUTO, c -> Optional.empty()));
    try (Arena arena = new Arena()) {
      Nd4jOps ops = new Nd4jOps(DType.FLOAT64, null, arena, null, new Recurrence(FusedMode.AUTO, only(kernel)));
      Nd4jTensor w = ops.constant(Nd4j.ones(DataType.DOUBLE, 4, 3));
      Nd4jTensor wh = ops.constant(Nd4j.ones(DataType.DOUBLE, 4, 4));
      Nd4jTensor b = ops.constant(Nd4j.zeros(DataType.DOUBLE, 4));
      Map<String, Tensor> p = Map.of("W_x", w, "W_h", wh, "b", b);
      ops.recurrent("layer0", CELL, p::get, ops.constant(Nd4j.zeros(DataType.DOUBLE, 2, 1, 3)), State.of(ops.constant(Nd4j.zeros(DataType.DOUBLE, 1, 4))));
    }
    assertEquals(0, kernel.forwards.get());
  }
}
