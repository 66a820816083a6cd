package io.recur.core.config;

import io.recur.core.InvalidInputException;

/**
 * How Recur runs on this machine: the backend by name, the number of compute threads
 * ({@code 0} = the backend chooses for this machine and reports its choice; never more than the
 * machine's cores, which would only make the threads wait for each other), whether fused
 * kernels are used, and the device. Keys in a config file and system properties: {@code backend},
 * {@code threads}, {@code fused}, {@code device} (system properties carry the prefix
 * {@code recur.}).
 */
public record RecurConfig(String backend, int threads, FusedMode fused, Device device) {
  public static final String DEFAULT_BACKEND = "nd4j";

  public RecurConfig {
    if (backend == null || backend.isBlank()) {
      throw new InvalidInputException("backend must be named; set --backend or recur.backend");
    }
    if (fused == null || device == null) {
      throw new IllegalArgumentException("fused mode and device must be given");
    }
    int cores = Runtime.getRuntime().availableProcessors();
    if (threads < 0 || threads > cores) {
      throw new InvalidInputException("threads must be in [0, " + cores + "] on this machine of " + cores + " cores (got "
          + threads + "); 0 lets the backend choose; set --threads");
    }
  }

  public static RecurConfig defaults() {
    return new RecurConfig(DEFAULT_BACKEND, 0, FusedMode.AUTO, Device.AUTO);
  }

  public RecurConfig withBackend(String b) {
    return new RecurConfig(b, threads, fused, device);
  }

  public RecurConfig withThreads(int t) {
    return new RecurConfig(backend, t, fused, device);
  }

  public RecurConfig withFused(FusedMode f) {
    return new RecurConfig(backend, threads, f, device);
  }

  public RecurConfig withDevice(Device d) {
    return new RecurConfig(backend, threads, fused, d);
  }
}
