package io.recur.bench;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasColMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import io.recur.core.util.Rng;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The machine's float32 GEMM rate through the OpenBLAS every Recur backend on this machine uses
 * (JavaCPP's, the one ND4J runs on): square products of 512 and 1024 on off-heap column-major
 * buffers, three untimed calls each, then calls until the time is up; the best rate is the peak.
 * This is the physical limit a training step's FLOPs are measured against.
 */
public final class SgemmPeak {
  private static final int[] SIZES = {512, 1024};

  private SgemmPeak() {}

  /**
   * GFLOP/s on {@code threads} OpenBLAS threads, measured for about {@code seconds}. Sets
   * OpenBLAS's (process-wide) thread count to {@code threads}.
   */
  public static double gflops(int threads, double seconds) {
    openblas_nolapack.blas_set_num_threads(threads);
    double best = 0;
    for (int n : SIZES) {
      best = Math.max(best, square(n, seconds / SIZES.length));
    }
    return best;
  }

  private static double square(int n, double seconds) {
    try (FloatPointer a = random(n * n, 1); FloatPointer b = random(n * n, 2); FloatPointer c = new FloatPointer((long) n * n)) {
      for (int i = 0; i < 3; i++) {
        multiply(n, n, n, a, b, c);
      }
      long calls = 0;
      long start = System.nanoTime();
      double elapsed;
      do {
        multiply(n, n, n, a, b, c);
        calls++;
        elapsed = (System.nanoTime() - start) / 1e9;
      } while (elapsed < seconds);
      return 2.0 * n * n * n * calls / elapsed / 1e9;
    }
  }

  /** {@code C = A·B} for column-major {@code A [m, k]}, {@code B [k, n]}, {@code C [m, n]}. */
  static void multiply(int m, int n, int k, FloatPointer a, FloatPointer b, FloatPointer c) {
    cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1f, a, m, b, k, 0f, c, m);
  }

  private static FloatPointer random(int size, long seed) {
    Rng rng = new Rng(seed);
    float[] v = new float[size];
    for (int i = 0; i < size; i++) {
      v[i] = (float) (2 * rng.nextDouble() - 1);
    }
    return new FloatPointer(v);
  }
}
