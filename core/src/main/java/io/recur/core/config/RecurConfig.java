package io.recur.core.config;

import io.recur.core.InvalidInputException;

/**
 * How Recur runs on this machine: the backend by name, the number of compute threads
 * ({@code 0} = the backend chooses for this machine and reports its choice), and whether fused
 * kernels are used. Keys in a config file and system properties: {@code backend},
 * {@code threads}, {@code fused} (system properties carry the prefix {@code recur.}).
 */
public record RecurConfig(String backend, int threads, FusedMode fused) {
  public static final String DEFAULT_BACKEND = "nd4j";

  public RecurConfig {
    if (backend == null || backend.isBlank()) {
      throw new InvalidInputException("backend must be named; set --backend or recur.backend");
    }
    if (threads < 0) {
      throw new InvalidInputException("threads must be >= 0 (got " + threads + "); 0 lets the backend choose; set --threads");
    }
  }

  public static RecurConfig defaults() {
    return new RecurConfig(DEFAULT_BACKEND, 0, FusedMode.AUTO);
  }

  public RecurConfig withBackend(String b) {
    return new RecurConfig(b, threads, fused);
  }

  public RecurConfig withThreads(int t) {
    return new RecurConfig(backend, t, fused);
  }

  public RecurConfig withFused(FusedMode f) {
    return new RecurConfig(backend, threads, f);
  }
}
