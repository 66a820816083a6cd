package io.recur.backend.nd4j.fused;

import io.recur.core.util.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Row-major GEMM through OpenBLAS, every transpose combination, including the one-row (GEMV) route and a non-zero beta. */
class BlasTest {
  @ParameterizedTest(name = "transA={0} transB={1} m={2}")
  @CsvSource({"false,false,3", "false,true,3", "true,false,3", "true,true,3", "false,false,1", "false,true,1", "true,false,1", "true,true,1"})
  void productEqualsTheDefinition(boolean transA, boolean transB, int m) {
    int n = 5;
    int k = 4;
    double[] a = random(m * k, 1);
    double[] b = random(k * n, 2);
    double[] c = random(m * n, 3);
    FloatBlock ab = FloatBlock.of(Problem.array(a, transA ? k : m, transA ? m : k));
    FloatBlock bb = FloatBlock.of(Problem.array(b, transB ? n : k, transB ? k : n));
    FloatBlock cb = FloatBlock.of(Problem.array(c, m, n));
    Blas.gemm(transA, transB, m, n, k, ab.at(0), transA ? m : k, bb.at(0), transB ? k : n, 0.5f, cb.at(0), n);
    double[] expected = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0.5 * (float) c[i * n + j];
        for (int q = 0; q < k; q++) {
          double av = (float) (transA ? a[q * m + i] : a[i * k + q]);
          double bv = (float) (transB ? b[j * k + q] : b[q * n + j]);
          s += av * bv;
        }
        expected[i * n + j] = s;
      }
    }
    Compare.assertClose("C", expected, Problem.values(cb.array()), 1e-6);
  }

  private static double[] random(int n, long seed) {
    Rng rng = new Rng(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextGaussian();
    }
    return v;
  }
}
