package io.recur.backend.nd4j.fused;

/**
 * One call of {@link ProjectedCrossEntropy}: rows of {@code h [N, H]} in blocks of at most
 * {@code blockFloats} logits, the vocabulary divided among workers (worker {@code k} owns the
 * columns {@code [from, to)} and the same rows of {@code W} and {@code dW}). Per block:
 *
 * <ol>
 *   <li>each worker: its columns of {@code logits = h·Wᵀ} (one GEMM), then per row the bias, the
 *       maximum, {@code e = exp(logit − max)} and its sum, over its own columns;
 *   <li>(barrier) each worker combines the rows' partial maxima and sums in worker order — the
 *       same numbers on every worker — worker 0 adds up the loss; training: each worker turns its
 *       columns into {@code dlogits = (softmax − onehot)/N}, adds them to its {@code db} and adds
 *       {@code dlogitsᵀ·h} to its rows of {@code dW} (one GEMM);
 *   <li>(barrier, training) each worker adds {@code dlogits·W} to its share of the block's rows of
 *       {@code dh} (one GEMM over the whole vocabulary).
 * </ol>
 *
 * A barrier ends each block (the next one reuses the logits memory). The division depends only
 * on the number of workers, so the results do too.
 */
final class CrossEntropyPass {
  private final int rows;
  private final int hidden;
  private final int vocab;
  private final int blockRows;
  private final FloatBlock h;
  private final FloatBlock w;
  private final int[] targets;
  private final Destinations out;
  private final double[] logProbs;
  private final FloatBlock logits;
  private final Lane[] lanes;
  private final float[][] maxima;
  private final double[][] sums;
  private final float[] targetLogits;
  private double loss;

  /** Where a training pass accumulates its gradients, and whether it adds to them or overwrites them. */
  record Destinations(FloatBlock dh, FloatBlock dw, FloatBlock db, boolean accumulate) {}

  /** One worker's columns, its Java arrays and its share of {@code db}. */
  private static final class Lane {
    final int from;
    final int n;
    final float[] bias;
    final float[] z;
    final float[] e;
    final float[] db;

    Lane(int from, int to, float[] b, boolean training) {
      this.from = from;
      this.n = to - from;
      this.bias = java.util.Arrays.copyOfRange(b, from, to);
      this.z = new float[n];
      this.e = new float[n];
      this.db = training ? new float[n] : null;
    }
  }

  /**
   * @param out where gradients go, or {@code null} for the loss alone
   * @param logProbs receives each row's {@code log p(target)}, or {@code null}
   */
  CrossEntropyPass(FloatBlock h, FloatBlock w, float[] b, int[] targets, int hidden, Destinations out, double[] logProbs,
      int blockFloats, BlockPool pool, int workers) {
    this.rows = targets.length;
    this.hidden = hidden;
    this.vocab = b.length;
    this.h = h;
    this.w = w;
    this.targets = targets;
    this.out = out;
    this.logProbs = logProbs;
    // Rows rounded up to a power of two, so that calls of many sizes share a few pooled block sizes.
    int wanted = Integer.highestOneBit(rows) == rows ? rows : Integer.highestOneBit(rows) << 1;
    this.blockRows = Math.max(1, Math.min(wanted, blockFloats / vocab));
    this.logits = pool.take((long) blockRows * vocab);
    this.lanes = new Lane[workers];
    for (int k = 0; k < workers; k++) {
      lanes[k] = new Lane((int) ((long) vocab * k / workers), (int) ((long) vocab * (k + 1) / workers), b, out != null);
    }
    this.maxima = new float[workers][blockRows];
    this.sums = new double[workers][blockRows];
    this.targetLogits = new float[blockRows];
  }

  /** Runs the pass on {@code schedule} (whose workers are this pass's) and returns the summed loss. */
  double run(Schedule schedule, BlockPool pool) {
    int phases = out == null ? 2 : 3;
    int blocks = (rows + blockRows - 1) / blockRows;
    long work = (long) rows * vocab * hidden * (out == null ? 1 : 3);
    try {
      schedule.run(work, phases * blocks, false, k -> { }, this::finish, (k, step) -> {
        int block = step / phases;
        switch (step % phases) {
          case 0 -> logits(k, block);
          case 1 -> softmax(k, block);
          default -> hiddenGradient(k, block);
        }
      }, null);
    } finally {
      pool.give(logits);
    }
    return loss;
  }

  private int first(int block) {
    return block * blockRows;
  }

  private int size(int block) {
    return Math.min(blockRows, rows - first(block));
  }

  private void logits(int k, int block) {
    Lane l = lanes[k];
    int r0 = first(block);
    int nb = size(block);
    Blas.gemm(false, true, nb, l.n, hidden, h.at((long) r0 * hidden), hidden, w.at((long) l.from * hidden), hidden,
        0f, logits.at(l.from), vocab);
    for (int r = 0; r < nb; r++) {
      long at = (long) r * vocab + l.from;
      logits.read(at, l.z, l.n);
      float m = SoftmaxRows.addAndMax(l.z, l.bias, l.n);
      int t = targets[r0 + r] - l.from;
      if (t >= 0 && t < l.n) {
        targetLogits[r] = l.z[t];
      }
      SoftmaxRows.exp(l.z, m, l.e, l.n);
      maxima[k][r] = m;
      sums[k][r] = SoftmaxRows.sum(l.e, l.n);
      if (out != null) {
        logits.write(at, l.e, l.n);
      }
    }
  }

  private void softmax(int k, int block) {
    Lane l = lanes[k];
    int r0 = first(block);
    int nb = size(block);
    float c = 1f / rows;
    for (int r = 0; r < nb; r++) {
      float max = maxima[0][r];
      for (float[] m : maxima) {
        max = Math.max(max, m[r]);
      }
      double sum = 0;
      for (int q = 0; q < lanes.length; q++) {
        sum += sums[q][r] * Math.exp(maxima[q][r] - max);
      }
      if (k == 0) {
        double logProb = targetLogits[r] - max - Math.log(sum);
        loss -= logProb;
        if (logProbs != null) {
          logProbs[r0 + r] = logProb;
        }
      }
      if (out != null) {
        long at = (long) r * vocab + l.from;
        logits.read(at, l.e, l.n);
        SoftmaxRows.scale(l.e, (float) (Math.exp(maxima[k][r] - max) / sum) * c, l.n);
        int t = targets[r0 + r] - l.from;
        if (t >= 0 && t < l.n) {
          l.e[t] -= c;
        }
        Rows.accumulate(l.db, l.e, l.n);
        logits.write(at, l.e, l.n);
      }
    }
    if (out != null) {
      float beta = block > 0 || out.accumulate() ? 1f : 0f;
      Blas.gemm(true, false, l.n, hidden, nb, logits.at(l.from), vocab, h.at((long) r0 * hidden), hidden,
          beta, out.dw().at((long) l.from * hidden), hidden);
    }
  }

  private void hiddenGradient(int k, int block) {
    int nb = size(block);
    int a = (int) ((long) nb * k / lanes.length);
    int b = (int) ((long) nb * (k + 1) / lanes.length);
    if (b > a) {
      Blas.gemm(false, false, b - a, hidden, vocab, logits.at((long) a * vocab), vocab, w.at(0), hidden,
          out.accumulate() ? 1f : 0f, out.dh().at((long) (first(block) + a) * hidden), hidden);
    }
  }

  private void finish(int k) {
    if (out == null) {
      return;
    }
    Lane l = lanes[k];
    if (out.accumulate()) {
      float[] old = new float[l.n];
      out.db().read(l.from, old, l.n);
      Rows.accumulate(l.db, old, l.n);
    }
    out.db().write(l.from, l.db, l.n);
  }
}
