package io.recur.core.backend;

import io.recur.core.InvalidInputException;
import io.recur.core.model.ModelSpec;
import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Minibatch;
import io.recur.core.sequence.SeriesBatch;

/**
 * The checks every backend makes on what callers feed it, before anything reaches native code:
 * token ids inside the vocabulary, values of the widths the model reads and predicts, rows that
 * match the session. Each failure is an {@link InvalidInputException} naming the fix.
 */
public final class InputChecks {
  private InputChecks() {}

  /** Refuses an empty or ragged batch of token ids, or an id outside {@code [0, vocab)} (naming the first). */
  public static void tokens(int[][] tokens, int vocab) {
    if (tokens.length == 0 || tokens[0].length == 0) {
      throw new InvalidInputException("no tokens to feed: a batch needs at least one row of at least one token");
    }
    for (int b = 0; b < tokens.length; b++) {
      if (tokens[b].length != tokens[0].length) {
        throw new InvalidInputException("ragged batch: row " + b + " has " + tokens[b].length
            + " tokens, row 0 has " + tokens[0].length + "; feed rows of equal length");
      }
      for (int t = 0; t < tokens[b].length; t++) {
        int id = tokens[b][t];
        if (id < 0 || id >= vocab) {
          throw new InvalidInputException("token id " + id + " (row " + b + ", step " + t + ") is outside the model's vocabulary of "
              + vocab + " tokens; encode text with the model's vocabulary");
        }
      }
    }
  }

  /** Refuses token ids for a series model, and values for a language model or of the wrong widths. */
  public static void minibatch(ModelSpec spec, Minibatch batch) {
    if (batch instanceof Batch b) {
      if (spec.task() != ModelSpec.Task.LANGUAGE) {
        throw new InvalidInputException("a series model was fed token ids; feed values");
      }
      tokens(b.inputs(), spec.vocabSize());
      tokens(b.targets(), spec.vocabSize());
    } else {
      SeriesBatch s = (SeriesBatch) batch;
      series(spec, s.features(), s.outputs());
    }
  }

  /** Refuses values for a language model, or values of other widths than the series model reads and predicts. */
  public static void series(ModelSpec spec, int features, int outputs) {
    if (spec.task() != ModelSpec.Task.SERIES) {
      throw new InvalidInputException("a language model was fed real values; feed token ids");
    }
    if (features != spec.features() || outputs != spec.outputs()) {
      throw new InvalidInputException("the model reads " + spec.features() + " and predicts " + spec.outputs()
          + " values per step, but the batch has " + features + " and " + outputs);
    }
  }

  /** Refuses a call that feeds another number of rows than the session has. */
  public static void rows(int sessionRows, int fed) {
    if (fed != sessionRows) {
      throw new InvalidInputException("this session has " + sessionRows + " rows but " + fed
          + " were fed; feed one row per session row, or reorder(rows) to change the batch");
    }
  }

  /** Refuses a reorder that names no row or a row the session does not have. */
  public static void reorder(int[] rows, int sessionRows) {
    if (rows.length == 0) {
      throw new InvalidInputException("reorder needs at least one row");
    }
    for (int r : rows) {
      if (r < 0 || r >= sessionRows) {
        throw new InvalidInputException("reorder names row " + r + " but the session has rows 0.." + (sessionRows - 1));
      }
    }
  }
}
