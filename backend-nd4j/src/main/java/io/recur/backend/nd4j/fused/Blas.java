package io.recur.backend.nd4j.fused;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_scopy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv;

import org.bytedeco.javacpp.FloatPointer;

/**
 * Row-major single-precision matrix products on OpenBLAS (through JavaCPP, on off-heap
 * pointers, so nothing is copied). A product with one row runs as a matrix–vector product.
 */
final class Blas {
  private Blas() {}

  /**
   * {@code C[m,n] = op(A)·op(B) + beta·C}, where {@code op(A)} is {@code [m,k]} and
   * {@code op(B)} is {@code [k,n]}; {@code transA}/{@code transB} say that the stored matrix is
   * the transpose ({@code [k,m]} / {@code [n,k]}).
   */
  static void gemm(boolean transA, boolean transB, int m, int n, int k,
      FloatPointer a, int lda, FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
    if (m == 1) {
      // c = op(B)ᵀ · a: with B stored [n,k] (transB) that is B·a, else Bᵀ·a over B stored [k,n].
      int incA = transA ? lda : 1;
      if (transB) {
        cblas_sgemv(CblasRowMajor, CblasNoTrans, n, k, 1f, b, ldb, a, incA, beta, c, 1);
      } else {
        cblas_sgemv(CblasRowMajor, CblasTrans, k, n, 1f, b, ldb, a, incA, beta, c, 1);
      }
      return;
    }
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
        m, n, k, 1f, a, lda, b, ldb, beta, c, ldc);
  }

  /** Copies {@code n} contiguous floats from {@code src} to {@code dst} (blocks hold fewer than 2³¹ floats). */
  static void copy(long n, FloatPointer src, FloatPointer dst) {
    cblas_scopy(Math.toIntExact(n), src, 1, dst, 1);
  }
}
