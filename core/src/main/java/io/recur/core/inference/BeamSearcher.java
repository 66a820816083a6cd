package io.recur.core.inference;

import io.recur.core.backend.InferenceSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a {@link BeamSearch} on a session whose one row has read the prefix. Live hypotheses are
 * the session's rows; after each step the session is {@link InferenceSession#reorder reordered}
 * so that row {@code i} holds the state of live hypothesis {@code i}'s parent.
 *
 * <p>Each step ranks every extension of every live hypothesis by its total log-probability and
 * keeps the best {@code width}; those ending in the end token are set aside as finished, the others
 * stay live. The search stops after {@code length} tokens or when nothing is live. Ties rank by the
 * last token's logit, then by the parent's rank, then by lower token id — so that width 1 picks
 * exactly the token greedy decoding picks.
 */
final class BeamSearcher {
  private BeamSearcher() {}

  /** A hypothesis: the generated tokens and the sum of their log-probabilities. */
  record Hypothesis(int[] tokens, double logProbability) {
    Hypothesis extend(int token, double newLogProbability) {
      int[] t = Arrays.copyOf(tokens, tokens.length + 1);
      t[tokens.length] = token;
      return new Hypothesis(t, newLogProbability);
    }
  }

  /** The winning hypothesis and how many decoding steps the search ran. */
  record Result(Hypothesis best, int steps) {}

  /**
   * @param first the logits after the prefix, one row of {@code vocab}
   * @param length the most tokens to generate, > 0
   */
  static Result search(BeamSearch beam, InferenceSession session, float[] first, int vocab, int length) {
    List<Hypothesis> live = List.of(new Hypothesis(new int[0], 0));
    List<Hypothesis> finished = new ArrayList<>();
    float[] logits = first;
    int steps = 0;
    while (true) {
      steps++;
      Top top = best(beam.width(), live, logits, vocab);
      List<Hypothesis> next = new ArrayList<>(top.count);
      int[] parents = new int[top.count];
      for (int i = 0; i < top.count; i++) {
        Hypothesis h = live.get(top.rows[i]).extend(top.tokens[i], top.scores[i]);
        if (beam.endToken().isPresent() && top.tokens[i] == beam.endToken().getAsInt()) {
          finished.add(h);
        } else {
          parents[next.size()] = top.rows[i];
          next.add(h);
        }
      }
      live = next;
      if (live.isEmpty() || steps == length) {
        break;
      }
      session.reorder(Arrays.copyOf(parents, live.size()));
      int[] last = new int[live.size()];
      for (int r = 0; r < last.length; r++) {
        int[] t = live.get(r).tokens();
        last[r] = t[t.length - 1];
      }
      logits = session.step(last).data();
    }
    finished.addAll(live);
    Hypothesis best = finished.get(0);
    for (Hypothesis h : finished) {
      if (beam.normalized(h.logProbability(), h.tokens().length) > beam.normalized(best.logProbability(), best.tokens().length)) {
        best = h;
      }
    }
    return new Result(best, steps);
  }

  /** The best {@code count} extensions, best first: parent row, token, total log-probability. */
  private static final class Top {
    final int[] rows;
    final int[] tokens;
    final double[] scores;
    final float[] logits;
    int count;

    Top(int width) {
      rows = new int[width];
      tokens = new int[width];
      scores = new double[width];
      logits = new float[width];
    }

    void offer(int row, int token, double score, float logit) {
      int width = rows.length;
      if (count == width && !better(score, logit, width - 1)) {
        return;
      }
      int pos = Math.min(count, width - 1);
      while (pos > 0 && better(score, logit, pos - 1)) {
        pos--;
      }
      int moved = Math.min(count, width - 1) - pos;
      System.arraycopy(rows, pos, rows, pos + 1, moved);
      System.arraycopy(tokens, pos, tokens, pos + 1, moved);
      System.arraycopy(scores, pos, scores, pos + 1, moved);
      System.arraycopy(logits, pos, logits, pos + 1, moved);
      rows[pos] = row;
      tokens[pos] = token;
      scores[pos] = score;
      logits[pos] = logit;
      count = Math.min(count + 1, width);
    }

    private boolean better(double score, float logit, int i) {
      return score > scores[i] || (score == scores[i] && logit > logits[i]);
    }
  }

  private static Top best(int width, List<Hypothesis> live, float[] logits, int vocab) {
    Top top = new Top(width);
    for (int r = 0; r < live.size(); r++) {
      double base = live.get(r).logProbability();
      double[] logp = Softmax.logSoftmax(logits, r * vocab, vocab, 1.0);
      for (int v = 0; v < vocab; v++) {
        if (logp[v] == Double.NEGATIVE_INFINITY) {
          continue;
        }
        top.offer(r, v, base + logp[v], logits[r * vocab + v]);
      }
    }
    return top;
  }
}
