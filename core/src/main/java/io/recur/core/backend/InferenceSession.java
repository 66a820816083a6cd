package io.recur.core.backend;

/**
 * A stateful stream over a model: {@code batch} independent rows, each with its own recurrent
 * state, advanced by feeding tokens. One thread at a time; open one per thread.
 */
public interface InferenceSession extends AutoCloseable {
  int batchSize();

  /**
   * Feeds {@code tokens[b][t]} ({@code [B][T]}) and advances the state.
   *
   * @return the logits after each fed token, {@code [T, B, V]}
   */
  Logits forward(int[][] tokens);

  /**
   * Feeds real values {@code values[b][t]} ({@code [B][T][F]}, series models) and advances the
   * state.
   *
   * @return the predictions after each step, {@code [T, B, D]} in the layout of {@link Logits}
   * @throws UnsupportedOperationException on a language model's session
   */
  default Logits forward(float[][][] values) {
    throw new UnsupportedOperationException("this session runs a language model; feed token ids");
  }

  /**
   * Feeds {@code inputs[b][t]} as {@link #forward(int[][])} does and returns the log-probability
   * of each {@code targets[b][t]} given the inputs up to step {@code t}, time-major: index
   * {@code t·B + b}. The default reads them off the logits; a backend may compute them without
   * handing out logits ({@code [T, B, V]} floats at a word-level vocabulary).
   */
  default double[] logProbabilities(int[][] inputs, int[][] targets) {
    Logits logits = forward(inputs);
    double[] out = new double[logits.steps() * logits.batch()];
    for (int t = 0; t < logits.steps(); t++) {
      for (int b = 0; b < logits.batch(); b++) {
        out[t * logits.batch() + b] = logits.logProbability(t, b, targets[b][t]);
      }
    }
    return out;
  }

  /** Feeds one token per row: {@code forward} with T = 1. */
  default Logits step(int[] tokens) {
    int[][] rows = new int[tokens.length][1];
    for (int b = 0; b < tokens.length; b++) {
      rows[b][0] = tokens[b];
    }
    return forward(rows);
  }

  /**
   * Rearranges rows: new row {@code i} takes the state of old row {@code rows[i]}. The batch size
   * becomes {@code rows.length} (beam search grows, prunes and duplicates rows this way).
   */
  void reorder(int[] rows);

  /** Sets every row's state back to zero. */
  void reset();

  @Override
  void close();
}
