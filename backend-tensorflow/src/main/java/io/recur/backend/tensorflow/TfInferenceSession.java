package io.recur.backend.tensorflow;

import io.recur.core.InvalidInputException;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import java.util.Arrays;
import org.tensorflow.Result;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

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
    if (tokens.length != state.batch()) {
      throw new InvalidInputException("this session has " + state.batch() + " rows but " + tokens.length
          + " were fed; feed one row per session row, or reorder(rows) to change the batch");
    }
    int vocab = owner.spec().vocabSize();
    Tokens.check(tokens, vocab);
    int rows = tokens.length;
    int steps = tokens[0].length;
    float[] logits = new float[Math.multiplyExact(Math.multiplyExact(steps, rows), vocab)];
    for (int from = 0; from < steps; from += TfInferenceModel.MAX_UNROLL) {
      int to = Math.min(steps, from + TfInferenceModel.MAX_UNROLL);
      int[][] piece = new int[rows][];
      for (int b = 0; b < rows; b++) {
        piece[b] = Arrays.copyOfRange(tokens[b], from, to);
      }
      Pass pass = owner.graph().forward(to - from);
      try (TInt32 inputs = Tensors.timeMajor(piece)) {
        Run run = new Run(owner.graph().runner(owner.params())).feed(pass.tokens(), inputs)
            .feed(pass.states(), state.enter(rows, false));
        int out = run.fetch(pass.logits());
        int states = run.fetchAll(pass.finalStates());
        Result result = run.run();
        try (Owner o = Owner.of(result)) {
          FloatDataBuffer into = DataBuffers.of(logits, false, false).slice((long) from * rows * vocab, (long) (to - from) * rows * vocab);
          ((TFloat32) result.get(out)).copyTo(into);
          state.keep(Run.floats(result, states, pass.finalStates().size()), o, rows);
        }
      }
    }
    return new Logits(steps, rows, vocab, logits);
  }

  @Override
  public void reorder(int[] rows) {
    open();
    if (rows.length == 0) {
      throw new InvalidInputException("reorder needs at least one row");
    }
    for (int r : rows) {
      if (r < 0 || r >= state.batch()) {
        throw new InvalidInputException("reorder names row " + r + " but the session has rows 0.." + (state.batch() - 1));
      }
    }
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
