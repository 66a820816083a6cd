package io.recur.core.sequence;

import io.recur.core.InvalidInputException;
import io.recur.core.util.Rng;
import java.util.List;

/**
 * A real-valued series ({@code N} time points of {@code D} values, already scaled) as examples
 * for next-value prediction: example {@code k} reads the {@code tau} values at times
 * {@code k … k+τ−1} (oldest first, {@code F = τ·D} inputs) and predicts the values at time
 * {@code k+τ}. Consecutive examples are consecutive steps of a recurrent model, so the examples are
 * cut into minibatches exactly as tokens are — by the same partitioners over the example indices
 * (sequential partitioning carries state from one window to the next).
 */
public final class SeriesStream implements MinibatchSource {
  private final float[][] values;
  private final int tau;
  private final TokenStream examples;

  /**
   * @param values {@code [N][D]}
   * @param partitioner cuts training epochs (over example indices)
   * @param scoring cuts the scoring pass
   */
  public SeriesStream(float[][] values, int tau, Partitioner partitioner, Partitioner scoring) {
    if (tau < 1) {
      throw new InvalidInputException("tau must be >= 1 (got " + tau + "); pass --tau N");
    }
    if (values.length < tau + 2) {
      throw new InvalidInputException("a series part of " + values.length + " points is too short for tau " + tau
          + "; it needs at least tau + 2 points; use a smaller --tau or more data");
    }
    this.values = values;
    this.tau = tau;
    int[] ids = new int[values.length - tau + 1];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i;
    }
    this.examples = new TokenStream(Sequence.of(ids), partitioner, scoring);
  }

  public int tau() {
    return tau;
  }

  /** Values per time point ({@code D}). */
  public int variables() {
    return values[0].length;
  }

  @Override
  public int length() {
    return values.length;
  }

  @Override
  public List<SeriesBatch> epoch(int batchSize, int steps, Rng rng) {
    return examples.epoch(batchSize, steps, rng).stream().map(this::toSeries).toList();
  }

  @Override
  public List<SeriesBatch> evaluation(int batchSize, int steps) {
    return examples.evaluation(batchSize, steps).stream().map(this::toSeries).toList();
  }

  /** The inputs of example {@code k}: values at {@code k … k+τ−1}, flattened oldest first. */
  public float[] window(int k) {
    int d = variables();
    float[] x = new float[tau * d];
    for (int i = 0; i < tau; i++) {
      System.arraycopy(values[k + i], 0, x, i * d, d);
    }
    return x;
  }

  private SeriesBatch toSeries(Batch b) {
    int rows = b.batchSize();
    int steps = b.steps();
    float[][][] in = new float[rows][steps][];
    float[][][] out = new float[rows][steps][];
    for (int r = 0; r < rows; r++) {
      for (int t = 0; t < steps; t++) {
        int k = b.inputs()[r][t];
        in[r][t] = window(k);
        out[r][t] = values[k + tau].clone();
      }
    }
    return new SeriesBatch(in, out, b.resetState());
  }
}
