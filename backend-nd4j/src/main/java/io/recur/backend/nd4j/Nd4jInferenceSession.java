package io.recur.backend.nd4j;

import io.recur.backend.nd4j.fused.StepModel;
import io.recur.core.InvalidInputException;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.InputChecks;
import io.recur.core.backend.Logits;
import io.recur.core.config.FusedMode;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParamKey;
import io.recur.core.model.SequenceModel;
import io.recur.core.sequence.SeriesBatch;
import io.recur.core.tensor.Tensor;
import java.util.function.Function;
import io.recur.core.tensor.DType;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One thread's stream over an {@link Nd4jInferenceModel}: {@code batch} rows, each with its own
 * recurrent state, advanced by {@link #forward}. A call of a few rows through the model's
 * {@link StepModel} advances the state arrays in place and makes no ND4J array; any other call
 * runs without a tape and frees what it allocated before returning; only the state is kept.
 */
final class Nd4jInferenceSession implements InferenceSession {
  private final Nd4jInferenceModel owner;
  private final CarriedState state;
  private boolean closed;

  Nd4jInferenceSession(Nd4jInferenceModel owner, int batch) {
    this.owner = owner;
    this.state = new CarriedState(owner.model().stateSpecs(), DataType.FLOAT);
    state.reset(batch);
  }

  @Override
  public int batchSize() {
    return state.batch();
  }

  @Override
  public Logits forward(int[][] tokens) {
    open();
    InputChecks.rows(state.batch(), tokens.length);
    SequenceModel model = owner.model();
    if (model.spec().task() != ModelSpec.Task.LANGUAGE) {
      throw new InvalidInputException("a series model reads values, not token ids; use forward(float[][][])");
    }
    InputChecks.tokens(tokens, model.spec().vocabSize());
    Optional<StepModel> step = owner.stepModel().filter(m -> m.suits(tokens.length, tokens[0].length));
    if (step.isPresent()) {
      return new Logits(tokens[0].length, tokens.length, model.spec().vocabSize(), step.get().forward(tokens, state.values()));
    }
    try (Arena arena = new Arena()) {
      Nd4jOps ops = new Nd4jOps(DType.FLOAT32, null, arena, null, owner.recurrence());
      return run(ops, ops.tokens(tokens), tokens[0].length, tokens.length);
    }
  }

  /**
   * Through the fused output kernel (no logits are made) unless fused kernels are off: the network
   * as {@link #forward(int[][])} runs it, then the kernel's forward-only pass.
   */
  @Override
  public double[] logProbabilities(int[][] inputs, int[][] targets) {
    open();
    SequenceModel model = owner.model();
    if (owner.recurrence().mode() == FusedMode.OFF || !(model instanceof LanguageModel language)) {
      return InferenceSession.super.logProbabilities(inputs, targets);
    }
    if (inputs.length != state.batch() || targets.length != inputs.length) {
      throw new InvalidInputException("this session has " + state.batch() + " rows but " + inputs.length + " rows of inputs and "
          + targets.length + " of targets were fed; feed one row of each per session row");
    }
    InputChecks.tokens(inputs, model.spec().vocabSize());
    InputChecks.tokens(targets, model.spec().vocabSize());
    int batch = inputs.length;
    int steps = inputs[0].length;
    int[] ids = new int[batch * steps];
    for (int b = 0; b < batch; b++) {
      if (targets[b].length != steps) {
        throw new InvalidInputException("row " + b + " has " + targets[b].length + " targets for " + steps + " inputs; feed one target per input");
      }
      for (int t = 0; t < steps; t++) {
        ids[t * batch + b] = targets[b][t];
      }
    }
    Optional<StepModel> step = owner.stepModel().filter(m -> m.suits(batch, steps));
    if (step.isPresent()) {
      return step.get().logProbabilities(inputs, ids, state.values());
    }
    try (Arena arena = new Arena()) {
      Nd4jOps ops = new Nd4jOps(DType.FLOAT32, null, arena, null, owner.recurrence());
      SequenceModel.Output out = model.forward(ops, k -> ops.constant(owner.params().get(k)), ops.tokens(inputs),
          state.enter(ops, batch, false), false);
      state.keep(out.states(), batch);
      return FusedOutput.logProbabilities(ops.rows(Nd4jOps.t(out.features()).value()), owner.params().get(language.outputWeight()),
          owner.params().get(LanguageModel.OUTPUT_BIAS), ids);
    }
  }

  @Override
  public Logits forward(float[][][] values) {
    open();
    InputChecks.rows(state.batch(), values.length);
    SeriesBatch batch = new SeriesBatch(values, zeros(values, owner.model().spec().outputs()), false);
    InputChecks.series(owner.model().spec(), batch.features(), batch.outputs());
    try (Arena arena = new Arena()) {
      Nd4jOps ops = new Nd4jOps(DType.FLOAT32, null, arena, null, owner.recurrence());
      return run(ops, ops.values(batch.inputsTimeMajor(), batch.steps(), batch.batchSize(), batch.features()),
          batch.steps(), batch.batchSize());
    }
  }

  private static float[][][] zeros(float[][][] like, int width) {
    float[][][] z = new float[like.length][][];
    for (int b = 0; b < like.length; b++) {
      z[b] = new float[like[b].length][width];
    }
    return z;
  }

  /** Runs the model over {@code inputs} from the carried state; keeps the new state; returns its outputs. */
  private Logits run(Nd4jOps ops, Nd4jTensor inputs, int steps, int rows) {
    SequenceModel model = owner.model();
    Function<ParamKey, Tensor> params = k -> ops.constant(owner.params().get(k));
    SequenceModel.Output out = model.forward(ops, params, inputs, state.enter(ops, rows, false), false);
    state.keep(out.states(), rows);
    INDArray y = ops.arena().track(Nd4jOps.t(model.head(ops, params, out.features())).value().dup('c'));
    return new Logits(steps, rows, model.spec().outputSize(), y.data().asFloat());
  }

  @Override
  public void reorder(int[] rows) {
    open();
    InputChecks.reorder(rows, state.batch());
    state.reorder(rows);
  }

  @Override
  public void reset() {
    open();
    state.reset(state.batch());
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("this inference session is closed");
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      state.close();
    }
  }
}
