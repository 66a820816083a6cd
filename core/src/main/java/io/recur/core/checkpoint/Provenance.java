package io.recur.core.checkpoint;

import java.time.Instant;

/** Where a checkpoint came from: Recur and backend versions, the JVM and the machine, and when. */
public record Provenance(String recur, String backend, String backendDescription, String jdk, String os, String arch,
    String created) {
  public static final String RECUR_VERSION = "0.1.0";

  /** The provenance of something made now by {@code backend}. */
  public static Provenance now(String backend, String backendDescription) {
    return new Provenance(RECUR_VERSION, backend, backendDescription, System.getProperty("java.version"),
        System.getProperty("os.name"), System.getProperty("os.arch"), Instant.now().toString());
  }
}
