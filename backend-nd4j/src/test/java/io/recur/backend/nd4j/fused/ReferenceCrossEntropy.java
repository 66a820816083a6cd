package io.recur.backend.nd4j.fused;

import io.recur.core.util.Rng;

/**
 * The projected cross-entropy in plain float64 Java, straight from the definition: {@code
 * logits = h·Wᵀ + b}, {@code loss = mean_r (logsumexp(logits_r) − logits_r[t_r])}, and its
 * gradients {@code dlogits = (softmax − onehot)/N}, {@code dh = dlogits·W}, {@code dW =
 * dlogitsᵀ·h}, {@code db = Σ_r dlogits_r}. Its own gradients are checked by central differences.
 */
final class ReferenceCrossEntropy {
  final int rows;
  final int hidden;
  final int vocab;
  final double[] h;
  final double[] w;
  final double[] b;
  final int[] targets;

  /** Random float32-representable values: h ~ N(0, 1), W ~ N(0, scale²), b ~ N(0, 0.5²), uniform targets. */
  ReferenceCrossEntropy(int rows, int hidden, int vocab, double scale, long seed) {
    this.rows = rows;
    this.hidden = hidden;
    this.vocab = vocab;
    Rng rng = new Rng(seed);
    this.h = gaussian(rng, rows * hidden, 1);
    this.w = gaussian(rng, vocab * hidden, scale);
    this.b = gaussian(rng, vocab, 0.5);
    this.targets = new int[rows];
    for (int r = 0; r < rows; r++) {
      targets[r] = rng.nextInt(vocab);
    }
  }

  private static double[] gaussian(Rng rng, int n, double sd) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (rng.nextGaussian() * sd);
    }
    return v;
  }

  /** Row {@code r}'s logits. */
  private double[] logits(int r) {
    double[] z = new double[vocab];
    for (int j = 0; j < vocab; j++) {
      double s = b[j];
      for (int k = 0; k < hidden; k++) {
        s += h[r * hidden + k] * w[j * hidden + k];
      }
      z[j] = s;
    }
    return z;
  }

  private static double logSumExp(double[] z) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      m = Math.max(m, v);
    }
    double s = 0;
    for (double v : z) {
      s += Math.exp(v - m);
    }
    return m + Math.log(s);
  }

  /** {@code log p(target)} of each row. */
  double[] logProbs() {
    double[] lp = new double[rows];
    for (int r = 0; r < rows; r++) {
      double[] z = logits(r);
      lp[r] = z[targets[r]] - logSumExp(z);
    }
    return lp;
  }

  double meanLoss() {
    double s = 0;
    for (double lp : logProbs()) {
      s -= lp;
    }
    return s / rows;
  }

  /** The gradients of the mean loss: {@code dh}, {@code dW}, {@code db}. */
  double[][] gradients() {
    double[] dh = new double[rows * hidden];
    double[] dw = new double[vocab * hidden];
    double[] db = new double[vocab];
    for (int r = 0; r < rows; r++) {
      double[] z = logits(r);
      double lse = logSumExp(z);
      for (int j = 0; j < vocab; j++) {
        double g = (Math.exp(z[j] - lse) - (j == targets[r] ? 1 : 0)) / rows;
        db[j] += g;
        for (int k = 0; k < hidden; k++) {
          dh[r * hidden + k] += g * w[j * hidden + k];
          dw[j * hidden + k] += g * h[r * hidden + k];
        }
      }
    }
    return new double[][] {dh, dw, db};
  }
}
