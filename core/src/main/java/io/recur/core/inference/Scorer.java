package io.recur.core.inference;

import io.recur.core.InvalidInputException;
import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.InferenceSession;
import io.recur.core.sequence.Batch;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores token streams: the log-probability of every token given the ones before it, and the
 * perplexity {@code exp(mean cross-entropy)}.
 *
 * <p><b>Windowing.</b> A stream of N tokens has N − 1 targets. It is read as {@code R = min(rows,
 * N − 1)} rows of {@code L = (N − 1) / R} targets each — row {@code r} has inputs
 * {@code stream[r·L, (r+1)·L)} and targets {@code stream[r·L + 1, (r+1)·L]}, each row starting
 * from zero state — cut into windows of {@code steps} (the last window of a row may be shorter),
 * with state carried from window to window. This is the textbook's sequential partitioning
 * ({@code seq_data_iter_sequential}) at offset 0, plus the final short window it drops: when
 * {@code L} is a multiple of {@code steps} the batches are the same. The last
 * {@code (N − 1) mod R} tokens are not scored; with {@code rows = 1} every token after the first
 * is. {@link #windows} returns the exact batches, and {@link #score(InferenceModel, List)} scores
 * any batches as {@code TrainingSession.evaluate} does (state carried unless a batch resets it),
 * so both equal the training path's {@code exp(mean cross-entropy)} on the same batches — pass
 * the evaluation partitioner's batches to reproduce {@code Trainer.evaluate}.
 *
 * <p><b>Memory.</b> However long a window, no model call returns more than {@code maxLogits}
 * floats ({@code rows · steps · V}): a batch too large is fed in shorter pieces, state carried,
 * which changes nothing but memory. Immutable and thread-safe; each call opens its own session.
 */
public final class Scorer {
  /** The most logits one model call may return by default: 2²² floats, 16 MiB. */
  public static final int DEFAULT_MAX_LOGITS = 1 << 22;

  private final int rows;
  private final int steps;
  private final int maxLogits;

  public Scorer(int rows, int steps) {
    this(rows, steps, DEFAULT_MAX_LOGITS);
  }

  public Scorer(int rows, int steps, int maxLogits) {
    if (rows <= 0) {
      throw new InvalidInputException("rows must be > 0 (got " + rows + "); pass --batch B");
    }
    if (steps <= 0) {
      throw new InvalidInputException("steps must be > 0 (got " + steps + "); pass --steps T");
    }
    if (maxLogits <= 0) {
      throw new InvalidInputException("the logit budget must be > 0 (got " + maxLogits + ")");
    }
    this.rows = rows;
    this.steps = steps;
    this.maxLogits = maxLogits;
  }

  /** The batches {@code stream} is scored in (see the class comment); the first resets state. */
  public List<Batch> windows(int[] stream) {
    if (stream.length < 2) {
      throw new InvalidInputException("the text has " + stream.length
          + " token(s); scoring needs at least 2 (each token is predicted from the ones before it)");
    }
    int r = Math.min(rows, stream.length - 1);
    int length = (stream.length - 1) / r;
    List<Batch> out = new ArrayList<>();
    for (int from = 0; from < length; from += steps) {
      int t = Math.min(steps, length - from);
      int[][] inputs = new int[r][t];
      int[][] targets = new int[r][t];
      for (int b = 0; b < r; b++) {
        System.arraycopy(stream, b * length + from, inputs[b], 0, t);
        System.arraycopy(stream, b * length + from + 1, targets[b], 0, t);
      }
      out.add(new Batch(inputs, targets, from == 0));
    }
    return out;
  }

  /**
   * Scores {@code stream} in {@link #windows}. Log-probability {@code i} is that of
   * {@code stream[i + 1]}; the score covers {@code stream[1 .. R·L]}.
   */
  public Score score(InferenceModel model, int[] stream) {
    List<Batch> batches = windows(stream);
    int length = (stream.length - 1) / batches.get(0).batchSize();
    double[] logp = new double[batches.get(0).batchSize() * length];
    run(model, batches, (k, b, t, lp) -> logp[b * length + k * steps + t] = lp);
    return new Score(logp);
  }

  /**
   * Scores batches as {@code TrainingSession.evaluate} does: state carried from each batch to the
   * next unless the batch resets it. Log-probabilities are in batch order, then row, then step.
   */
  public Score score(InferenceModel model, List<Batch> batches) {
    if (batches.isEmpty()) {
      throw new InvalidInputException("nothing to score: no batches");
    }
    int[] first = new int[batches.size() + 1];
    for (int k = 0; k < batches.size(); k++) {
      first[k + 1] = first[k] + batches.get(k).tokens();
    }
    double[] logp = new double[first[batches.size()]];
    run(model, batches, (k, b, t, lp) -> logp[first[k] + b * batches.get(k).steps() + t] = lp);
    return new Score(logp);
  }

  /** Receives the log-probability of the target at (batch, row, step). */
  private interface Sink {
    void accept(int batch, int row, int step, double logProbability);
  }

  private void run(InferenceModel model, List<Batch> batches, Sink sink) {
    int vocab = model.spec().vocabSize();
    InferenceSession session = null;
    try {
      for (int k = 0; k < batches.size(); k++) {
        Batch batch = batches.get(k);
        checkIds(batch, k, vocab);
        if (session == null || session.batchSize() != batch.batchSize()) {
          if (!batch.resetState() && session != null) {
            throw new InvalidInputException("batch " + k + " has " + batch.batchSize() + " rows but continues a batch of "
                + session.batchSize() + "; a batch that carries state must have as many rows as the one before");
          }
          if (session != null) {
            session.close();
          }
          session = model.newSession(batch.batchSize());
        } else if (batch.resetState()) {
          session.reset();
        }
        scoreBatch(session, batch, k, vocab, sink);
      }
    } finally {
      if (session != null) {
        session.close();
      }
    }
  }

  private static void checkIds(Batch batch, int k, int vocab) {
    for (int[][] part : new int[][][] {batch.inputs(), batch.targets()}) {
      for (int[] row : part) {
        for (int id : row) {
          if (id < 0 || id >= vocab) {
            throw new InvalidInputException("batch " + k + " holds token id " + id + ", outside the model's vocabulary of "
                + vocab + "; encode the text with the model's own vocabulary");
          }
        }
      }
    }
  }

  private void scoreBatch(InferenceSession session, Batch batch, int k, int vocab, Sink sink) {
    int b = batch.batchSize();
    int piece = (int) Math.max(1, Math.min(batch.steps(), maxLogits / ((long) b * vocab)));
    for (int from = 0; from < batch.steps(); from += piece) {
      int t = Math.min(piece, batch.steps() - from);
      int[][] inputs = new int[b][t];
      int[][] targets = new int[b][t];
      for (int r = 0; r < b; r++) {
        System.arraycopy(batch.inputs()[r], from, inputs[r], 0, t);
        System.arraycopy(batch.targets()[r], from, targets[r], 0, t);
      }
      double[] logp = session.logProbabilities(inputs, targets);
      for (int s = 0; s < t; s++) {
        for (int r = 0; r < b; r++) {
          sink.accept(k, r, from + s, logp[s * b + r]);
        }
      }
    }
  }
}
