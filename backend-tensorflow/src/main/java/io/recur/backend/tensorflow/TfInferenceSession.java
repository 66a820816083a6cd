package io.recur.backend.tensorflow;

import io.recur.core.InvalidInputException;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.InputChecks;
import io.recur.core.backend.Logits;
import io.recur.core.model.ModelSpec;
import io.recur.core.sequence.SeriesBatch;
import java.util.Arrays;
import java.util.function.BiFunction;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;

/**
 * One thread's stream over a {@link TfInferenceModel}: {@code batch} rows, each with its own
 * recurrent state, advanced by {@link #forward}. Inputs longer than
 * {@link TfInferenceModel#MAX_UNROLL} steps run in pieces, state carried between them.
 */
final class TfInferenceSession implements InferenceSession {
  private final TfInferenceModel owner;
  private final CarriedState state;
  private boolean closed;

  TfInferenceSession(TfInferenceModel owner, int batch) {
    this.owner = owner;
    this.state = new CarriedState(owner.graph().model().stateSpecs());
    state.reset(batch);
  }

  @Override
  public int batchSize() {
    return state.batch();
  }

  @Override
  public Logits forward(int[][] tokens) {
    open();
    checkRows(tokens.length);
    ModelSpec spec = owner.spec();
    if (spec.task() != ModelSpec.Task.LANGUAGE) {
      throw new InvalidInputException("a series model reads values, not token ids; use forward(float[][][])");
    }
    InputChecks.tokens(tokens, spec.vocabSize());
    return run(tokens[0].length, (from, to) -> {
      int[][] piece = new int[tokens.length][];
      for (int b = 0; b < tokens.length; b++) {
        piece[b] = Arrays.copyOfRange(tokens[b], from, to);
      }
      return Tensors.timeMajor(piece);
    });
  }

  @Override
  public Logits forward(float[][][] values) {
    open();
    checkRows(values.length);
    ModelSpec spec = owner.spec();
    SeriesBatch batch = new SeriesBatch(values, new float[values.length][values[0].length][spec.outputs()], false);
    InputChecks.series(spec, batch.features(), batch.outputs());
    float[] timeMajor = batch.inputsTimeMajor();
    int rows = values.length;
    int width = batch.features();
    return run(batch.steps(), (from, to) -> Feeds.values(Arrays.copyOfRange(timeMajor, from * rows * width, to * rows * width),
        to - from, rows, width));
  }

  private void checkRows(int rows) {
    InputChecks.rows(state.batch(), rows);
  }

  /**
   * Runs the model over {@code steps} steps from the carried state, in pieces of at most
   * {@link TfInferenceModel#MAX_UNROLL}; {@code inputs} makes the input tensor of steps
   * {@code [from, to)}. Keeps the new state; returns the head's outputs {@code [T, B, V or D]}.
   */
  private Logits run(int steps, BiFunction<Integer, Integer, Tensor> inputs) {
    int rows = state.batch();
    int width = owner.spec().outputSize();
    float[] out = new float[Math.multiplyExact(Math.multiplyExact(steps, rows), width)];
    for (int from = 0; from < steps; from += TfInferenceModel.MAX_UNROLL) {
      int to = Math.min(steps, from + TfInferenceModel.MAX_UNROLL);
      Pass pass = owner.graph().forward(to - from);
      try (Tensor in = inputs.apply(from, to)) {
        Run run = new Run(owner.graph().runner(owner.params())).feed(pass.inputs(), in)
            .feed(pass.states(), state.enter(rows, false));
        int outputs = run.fetch(pass.outputs());
        int states = run.fetchAll(pass.finalStates());
        Result result = run.run();
        try (Owner o = Owner.of(result)) {
          FloatDataBuffer into = DataBuffers.of(out, false, false).slice((long) from * rows * width, (long) (to - from) * rows * width);
          ((TFloat32) result.get(outputs)).copyTo(into);
          state.keep(Run.floats(result, states, pass.finalStates().size()), o, rows);
        }
      }
    }
    return new Logits(steps, rows, width, out);
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
