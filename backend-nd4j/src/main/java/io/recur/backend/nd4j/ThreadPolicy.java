package io.recur.backend.nd4j;

/**
 * The threads the ND4J backend computes with. ND4J's own OpenMP pool always gets one thread: on
 * these 2-core machines two OpenMP threads made every op several times slower. OpenBLAS (every
 * GEMM, the fused kernels' included) gets the configured count; {@code 0} chooses
 * {@link #DEFAULT_BLAS_THREADS}, because a second BLAS thread was never faster for the LSTM
 * training step here and was up to 9× slower whenever other work shared the cores
 * (docs/architecture.md has the numbers).
 *
 * @param blasThreads threads for OpenBLAS; always ≥ 1
 */
record ThreadPolicy(int blasThreads) {
  /** The BLAS threads chosen when the configuration leaves it to the backend ({@code threads = 0}). */
  static final int DEFAULT_BLAS_THREADS = 1;

  ThreadPolicy {
    if (blasThreads < 1) {
      throw new IllegalArgumentException("blasThreads must be >= 1 (got " + blasThreads + ")");
    }
  }

  /** The policy for a configured thread count ({@code 0}: the backend's default). */
  static ThreadPolicy forConfigured(int configured) {
    if (configured < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (got " + configured + ")");
    }
    return new ThreadPolicy(configured > 0 ? configured : DEFAULT_BLAS_THREADS);
  }

  /** ND4J's OpenMP threads: always one. */
  int ompThreads() {
    return 1;
  }

  /** For reports: "1 thread", "2 threads". */
  String describe() {
    return blasThreads + (blasThreads == 1 ? " thread" : " threads");
  }
}
