package io.recur.backend.onnx.runtime;

import io.recur.core.InvalidInputException;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import io.recur.core.cell.StateSpec;
import java.util.List;

/**
 * A stream of {@code batch} rows over an {@link OrtModel}: the recurrent state lives here, on the
 * Java heap ({@code [B, size]} per state vector), and is fed to and read back from every run.
 * Checks its input before ONNX Runtime sees it: rows of equal, non-zero length, token ids inside
 * the vocabulary. One thread at a time.
 */
final class OrtInferenceSession implements InferenceSession {
  private final OrtModel model;
  private final List<StateSpec> specs;
  private int batch;
  private float[][] states;
  private boolean closed;

  OrtInferenceSession(OrtModel model, int batch) {
    this.model = model;
    this.specs = model.signature().states();
    this.batch = batch;
    reset();
  }

  @Override
  public int batchSize() {
    return batch;
  }

  @Override
  public Logits forward(int[][] tokens) {
    checkOpen();
    if (tokens.length != batch) {
      throw new InvalidInputException("this session has " + batch + " rows but " + tokens.length
          + " were fed; feed one token sequence per row, or reorder the session to the new batch size");
    }
    int steps = tokens[0].length;
    if (steps == 0) {
      throw new InvalidInputException("rows must hold at least one token (got 0); ONNX Runtime cannot run an empty sequence");
    }
    int vocab = model.spec().vocabSize();
    long[] timeMajor = new long[steps * batch];
    for (int b = 0; b < batch; b++) {
      if (tokens[b].length != steps) {
        throw new InvalidInputException("row " + b + " has " + tokens[b].length + " tokens but row 0 has " + steps
            + "; all rows of one call must have the same length");
      }
      for (int t = 0; t < steps; t++) {
        int id = tokens[b][t];
        if (id < 0 || id >= vocab) {
          throw new InvalidInputException("token id " + id + " (row " + b + ", step " + t
              + ") is outside the vocabulary [0, " + vocab + "); encode text with the model's vocabulary");
        }
        timeMajor[t * batch + b] = id;
      }
    }
    OrtModel.Outputs out = model.run(timeMajor, steps, batch, states);
    states = out.states();
    return new Logits(steps, batch, vocab, out.logits());
  }

  @Override
  public void reorder(int[] rows) {
    checkOpen();
    if (rows.length == 0) {
      throw new InvalidInputException("reorder needs at least one row");
    }
    float[][] next = new float[specs.size()][];
    for (int i = 0; i < specs.size(); i++) {
      int size = specs.get(i).size();
      next[i] = new float[rows.length * size];
      for (int r = 0; r < rows.length; r++) {
        if (rows[r] < 0 || rows[r] >= batch) {
          throw new InvalidInputException("reorder: row " + rows[r] + " does not exist in a session of " + batch + " rows");
        }
        System.arraycopy(states[i], rows[r] * size, next[i], r * size, size);
      }
    }
    states = next;
    batch = rows.length;
  }

  @Override
  public void reset() {
    states = new float[specs.size()][];
    for (int i = 0; i < specs.size(); i++) {
      states[i] = new float[batch * specs.get(i).size()];
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this inference session is closed");
    }
  }

  @Override
  public void close() {
    closed = true;
    states = null;
  }
}
