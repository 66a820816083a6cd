package io.recur.backend.nd4j;

/**
 * The threads the ND4J backend computes with. ND4J's own OpenMP pool always gets one thread: on
 * these 2-core machines two OpenMP threads made every op several times slower, and collapsed
 * under load (docs/architecture.md). BLAS (OpenBLAS, which runs every GEMM, the fused kernels'
 * included) gets the configured count; {@code 0} means the number of available processors,
 * capped at {@link #DEFAULT_CAP}.
 *
 * @param blasThreads threads for OpenBLAS; always ≥ 1
 */
record ThreadPolicy(int blasThreads) {
  /** The most BLAS threads chosen when the configuration leaves it to the backend. */
  static final int DEFAULT_CAP = 2;

  ThreadPolicy {
    if (blasThreads < 1) {
      throw new IllegalArgumentException("blasThreads must be >= 1 (got " + blasThreads + ")");
    }
  }

  /** The policy for a configured thread count ({@code 0}: choose for this machine). */
  static ThreadPolicy forConfigured(int configured, int availableProcessors) {
    if (configured < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (got " + configured + ")");
    }
    return new ThreadPolicy(configured > 0 ? configured : Math.max(1, Math.min(availableProcessors, DEFAULT_CAP)));
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
