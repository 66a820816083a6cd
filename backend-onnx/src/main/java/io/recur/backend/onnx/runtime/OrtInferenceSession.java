package io.recur.backend.onnx.runtime;

import io.recur.core.InvalidInputException;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import io.recur.core.cell.StateSpec;
import io.recur.core.model.ModelSpec;
import java.util.List;

/**
 * A stream of {@code batch} rows over an {@link OrtModel}: the recurrent state lives here, on the
 * Java heap ({@code [B, size]} per state vector), and is fed to and read back from every run.
 * Checks its input before ONNX Runtime sees it: one row per session row, rows of equal, non-zero
 * length, token ids inside the vocabulary (language models), finite values of the model's width
 * (series models). One thread at a time.
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
    if (model.spec().task() != ModelSpec.Task.LANGUAGE) {
      throw new InvalidInputException("a series model reads values, not token ids; feed values [rows][steps][features]");
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
    return new Logits(steps, batch, vocab, out.outputs());
  }

  @Override
  public Logits forward(float[][][] values) {
    checkOpen();
    ModelSpec spec = model.spec();
    if (spec.task() != ModelSpec.Task.SERIES) {
      throw new InvalidInputException("a language model reads token ids, not values; feed token ids [rows][steps]");
    }
    if (values.length != batch) {
      throw new InvalidInputException("this session has " + batch + " rows but " + values.length
          + " were fed; feed one row of values per session row, or reorder the session to the new batch size");
    }
    int steps = values[0].length;
    if (steps == 0) {
      throw new InvalidInputException("rows must hold at least one step (got 0); ONNX Runtime cannot run an empty sequence");
    }
    int width = spec.features();
    float[] timeMajor = new float[steps * batch * width];
    for (int b = 0; b < batch; b++) {
      if (values[b].length != steps) {
        throw new InvalidInputException("row " + b + " has " + values[b].length + " steps but row 0 has " + steps
            + "; all rows of one call must have the same length");
      }
      for (int t = 0; t < steps; t++) {
        float[] x = values[b][t];
        if (x.length != width) {
          throw new InvalidInputException("row " + b + ", step " + t + " has " + x.length + " values but the model reads "
              + width + " per step (tau × columns)");
        }
        for (int f = 0; f < width; f++) {
          if (!Float.isFinite(x[f])) {
            throw new InvalidInputException("row " + b + ", step " + t + " holds " + x[f] + "; feed finite values");
          }
        }
        System.arraycopy(x, 0, timeMajor, (t * batch + b) * width, width);
      }
    }
    OrtModel.Outputs out = model.run(timeMajor, steps, batch, states);
    states = out.states();
    return new Logits(steps, batch, spec.outputs(), out.outputs());
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
