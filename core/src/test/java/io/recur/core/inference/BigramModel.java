package io.recur.core.inference;

import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import io.recur.core.model.ModelSpec;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny, real, pure-Java language model: the logits of the next token are the row of a table
 * chosen by the last token fed (a bigram model). Its state is the last token of each row, so
 * {@link InferenceSession#reorder} and {@link InferenceSession#reset} have something to move.
 * It counts the tokens it has been fed and the largest call, for tests of timing and memory.
 */
final class BigramModel implements InferenceModel {
  private final float[][] table;
  private final ModelSpec spec;
  private final AtomicLong fed = new AtomicLong();
  private final AtomicInteger largestCall = new AtomicInteger();

  private BigramModel(float[][] rows) {
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != rows.length) {
        throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " logits, not " + rows.length);
      }
    }
    this.table = rows;
    this.spec = ModelSpec.builder().cell("bigram-table").vocabSize(rows.length).hidden(1).build();
  }

  /** Logits {@code table[a][b]} for the token after {@code a}. */
  static BigramModel of(float[][] table) {
    float[][] rows = new float[table.length][];
    for (int i = 0; i < table.length; i++) {
      rows[i] = table[i].clone();
    }
    return new BigramModel(rows);
  }

  /** Every next token equally likely; all rows share one array, so a word-level vocabulary fits in memory. */
  static BigramModel uniform(int vocab) {
    float[][] rows = new float[vocab][];
    Arrays.fill(rows, new float[vocab]);
    return new BigramModel(rows);
  }

  /** Logits {@code log p[a][b]}: the next token after {@code a} is {@code b} with probability {@code p[a][b]}. */
  static BigramModel ofProbabilities(double[][] p) {
    float[][] t = new float[p.length][p.length];
    for (int a = 0; a < p.length; a++) {
      for (int b = 0; b < p.length; b++) {
        t[a][b] = (float) Math.log(p[a][b]);
      }
    }
    return new BigramModel(t);
  }

  /** The logits after {@code token}. */
  float[] logits(int token) {
    return table[token].clone();
  }

  long tokensFed() {
    return fed.get();
  }

  /** The most logits one forward call has returned. */
  int largestCall() {
    return largestCall.get();
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public String backend() {
    return "test-bigram";
  }

  @Override
  public InferenceSession newSession(int batch) {
    return new Session(batch);
  }

  @Override
  public void close() {}

  private final class Session implements InferenceSession {
    private int[] last;

    Session(int batch) {
      last = new int[batch];
      Arrays.fill(last, -1);
    }

    @Override
    public int batchSize() {
      return last.length;
    }

    @Override
    public Logits forward(int[][] tokens) {
      if (tokens.length != last.length) {
        throw new IllegalArgumentException("session has " + last.length + " rows, got " + tokens.length);
      }
      int v = table.length;
      int steps = tokens[0].length;
      float[] out = new float[steps * last.length * v];
      for (int t = 0; t < steps; t++) {
        for (int b = 0; b < last.length; b++) {
          last[b] = tokens[b][t];
          System.arraycopy(table[last[b]], 0, out, (t * last.length + b) * v, v);
        }
      }
      fed.addAndGet((long) steps * last.length);
      largestCall.accumulateAndGet(out.length, Math::max);
      return new Logits(steps, last.length, v, out);
    }

    @Override
    public void reorder(int[] rows) {
      int[] next = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        next[i] = last[rows[i]];
      }
      last = next;
    }

    @Override
    public void reset() {
      Arrays.fill(last, -1);
    }

    @Override
    public void close() {}
  }
}
