package io.recur.backend.nd4j;

/**
 * The threads the ND4J backend computes with. {@code threads} is the size of the fused kernels'
 * team (each pass divides the hidden units among that many threads, with one barrier per step,
 * and falls back to its calling thread when the team is busy or has lately been slower — results
 * depend on the count only). ND4J's own OpenMP pool and OpenBLAS always get one thread: two
 * OpenMP threads made every op several times slower on these 2-core machines, and OpenBLAS's
 * own threads collapsed 10–50× whenever another process took a core, while the team degrades
 * to one thread's speed (docs/architecture.md has the numbers). {@code 0} in the configuration
 * chooses {@link #defaultFor} the machine.
 *
 * @param threads threads of a fused pass; always ≥ 1
 */
record ThreadPolicy(int threads) {
  /** The most threads chosen when the configuration leaves it to the backend. */
  static final int DEFAULT_CAP = 2;

  ThreadPolicy {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1 (got " + threads + ")");
    }
  }

  /** The policy for a configured thread count ({@code 0}: {@link #defaultFor} this machine). */
  static ThreadPolicy forConfigured(int configured) {
    if (configured < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (got " + configured + ")");
    }
    return new ThreadPolicy(configured > 0 ? configured : defaultFor(Runtime.getRuntime().availableProcessors()));
  }

  /** The default for a machine with {@code processors} processors: all of them, at most {@link #DEFAULT_CAP}. */
  static int defaultFor(int processors) {
    return Math.max(1, Math.min(processors, DEFAULT_CAP));
  }

  /** ND4J's OpenMP threads: always one. */
  int ompThreads() {
    return 1;
  }

  /** OpenBLAS's threads: always one (the fused kernels' team parallelises instead). */
  int blasThreads() {
    return 1;
  }

  /** For reports: "1 thread", "2 threads". */
  String describe() {
    return threads + (threads == 1 ? " thread" : " threads");
  }
}
