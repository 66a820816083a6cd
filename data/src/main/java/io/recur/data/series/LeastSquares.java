package io.recur.data.series;

import java.util.Arrays;

/**
 * Linear least squares {@code min ‖A·b − y‖²} by Householder QR on equilibrated columns (each
 * scaled to unit norm), never by forming {@code AᵀA}. When {@code A} is rank-deficient (a
 * diagonal entry of R below {@code 1e-10} of the largest) the problem is re-solved with a tiny
 * ridge penalty {@code λ·‖b_j‖²}, λ = {@value #RIDGE}, on the equilibrated penalised columns
 * (by QR of A stacked on √λ·I), which picks the smallest such coefficients among near-exact fits.
 */
final class LeastSquares {
  static final double RIDGE = 1e-8;
  private static final double RANK_TOLERANCE = 1e-10;

  /** The coefficients and the ridge λ used (0 for a full-rank {@code A}). */
  record Solution(double[] coefficients, double ridge) {}

  private LeastSquares() {}

  /**
   * @param a {@code [m][p]}, {@code m ≥ p}
   * @param y {@code [m]}
   * @param firstPenalised columns from this one on get the ridge penalty if one is needed
   */
  static Solution solve(double[][] a, double[] y, int firstPenalised) {
    int m = a.length;
    int p = a[0].length;
    if (m < p) {
      throw new IllegalArgumentException(m + " equations for " + p + " unknowns");
    }
    double[] norms = new double[p];
    for (int j = 0; j < p; j++) {
      for (double[] row : a) {
        norms[j] += row[j] * row[j];
      }
      norms[j] = norms[j] > 0 ? Math.sqrt(norms[j]) : 1;
    }
    double[] b = qr(equilibrated(a, norms, 0, firstPenalised), Arrays.copyOf(y, m), false);
    double ridge = 0;
    if (b == null) {
      ridge = RIDGE;
      b = qr(equilibrated(a, norms, Math.sqrt(ridge), firstPenalised), Arrays.copyOf(y, m + p - firstPenalised), true);
    }
    for (int j = 0; j < p; j++) {
      b[j] /= norms[j];
    }
    return new Solution(b, ridge);
  }

  /** {@code A} with unit-norm columns, stacked on {@code root·I} for the penalised columns when {@code root > 0}. */
  private static double[][] equilibrated(double[][] a, double[] norms, double root, int firstPenalised) {
    int p = norms.length;
    int extra = root > 0 ? p - firstPenalised : 0;
    double[][] out = new double[a.length + extra][p];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < p; j++) {
        out[i][j] = a[i][j] / norms[j];
      }
    }
    for (int e = 0; e < extra; e++) {
      out[a.length + e][firstPenalised + e] = root;
    }
    return out;
  }

  /**
   * Householder QR in place, then back substitution.
   *
   * @return the solution, or null if R is numerically singular and {@code force} is false
   */
  private static double[] qr(double[][] a, double[] y, boolean force) {
    int m = a.length;
    int p = a[0].length;
    double[] diagonal = new double[p];
    for (int k = 0; k < p; k++) {
      double norm = 0;
      for (int i = k; i < m; i++) {
        norm += a[i][k] * a[i][k];
      }
      norm = Math.sqrt(norm);
      double alpha = a[k][k] > 0 ? -norm : norm;
      double[] v = new double[m - k];
      for (int i = k; i < m; i++) {
        v[i - k] = a[i][k];
      }
      v[0] -= alpha;
      double vv = 0;
      for (double vi : v) {
        vv += vi * vi;
      }
      if (vv > 0) {
        for (int j = k; j < p; j++) {
          reflect(a, j, v, vv, k);
        }
        double s = 0;
        for (int i = k; i < m; i++) {
          s += v[i - k] * y[i];
        }
        for (int i = k; i < m; i++) {
          y[i] -= 2 * s / vv * v[i - k];
        }
      }
      diagonal[k] = a[k][k];
    }
    double largest = 0;
    for (double d : diagonal) {
      largest = Math.max(largest, Math.abs(d));
    }
    double[] b = new double[p];
    for (int k = p - 1; k >= 0; k--) {
      if (!force && !(Math.abs(diagonal[k]) > RANK_TOLERANCE * largest)) {
        return null;
      }
      double s = y[k];
      for (int j = k + 1; j < p; j++) {
        s -= a[k][j] * b[j];
      }
      b[k] = s / diagonal[k];
    }
    return b;
  }

  /** Column j of rows k… ← (I − 2vvᵀ/vᵀv)·column. */
  private static void reflect(double[][] a, int j, double[] v, double vv, int k) {
    double s = 0;
    for (int i = k; i < a.length; i++) {
      s += v[i - k] * a[i][j];
    }
    double f = 2 * s / vv;
    for (int i = k; i < a.length; i++) {
      a[i][j] -= f * v[i - k];
    }
  }
}
