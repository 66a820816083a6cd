package io.recur.core.checkpoint;

import java.time.Instant;

/**
 * Where a checkpoint came from: Recur and backend versions, the JVM and the machine, when, and the
 * settings bit-for-bit reproduction depends on besides the seed — the compute {@code threads} and
 * the {@code fused} kernel mode ({@code auto|on|off}). Checkpoints older than format 3 did not
 * record those: {@code threads} 0 and {@code fused} empty mean unknown.
 */
public record Provenance(String recur, String backend, String backendDescription, String jdk, String os, String arch,
    String created, int threads, String fused) {
  public static final String RECUR_VERSION = "0.1.0";

  public Provenance {
    fused = fused == null ? "" : fused;
    if (threads < 0) {
      throw new IllegalArgumentException("provenance threads must be >= 0 (got " + threads + ")");
    }
  }

  /** A provenance without the determinism settings (older checkpoints, exported models). */
  public Provenance(String recur, String backend, String backendDescription, String jdk, String os, String arch,
      String created) {
    this(recur, backend, backendDescription, jdk, os, arch, created, 0, "");
  }

  /** The provenance of something made now by {@code backend}, settings unknown. */
  public static Provenance now(String backend, String backendDescription) {
    return now(backend, backendDescription, 0, "");
  }

  /** The provenance of something made now by {@code backend} running {@code threads} threads in fused mode {@code fused}. */
  public static Provenance now(String backend, String backendDescription, int threads, String fused) {
    return new Provenance(RECUR_VERSION, backend, backendDescription, System.getProperty("java.version"),
        System.getProperty("os.name"), System.getProperty("os.arch"), Instant.now().toString(), threads, fused);
  }

  /** Whether the determinism settings are recorded. */
  public boolean recordsSettings() {
    return threads > 0 && !fused.isEmpty();
  }
}
