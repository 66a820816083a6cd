package io.recur.backend.onnx.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;

/**
 * The process's one ONNX Runtime environment, created on first use (never at injection time),
 * and the session options Recur runs with: a fixed number of intra-op threads (1 unless
 * configured), one inter-op thread, sequential execution and no spinning — spinning thread pools
 * of several sessions on a shared machine multiply latencies (see DEPENDENCIES.md §6).
 */
public final class OrtRuntime {
  private OrtRuntime() {}

  private static final class Holder {
    static final OrtEnvironment ENV = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "recur");
  }

  /** The shared environment (loads the native library on first call). */
  public static OrtEnvironment environment() {
    return Holder.ENV;
  }

  /** The ONNX Runtime version, e.g. {@code 1.29.0}. */
  public static String version() {
    return environment().getVersion();
  }

  /** The thread count Recur uses for a configured value ({@code 0}: the backend's choice, 1). */
  public static int threads(int configured) {
    return configured <= 0 ? 1 : configured;
  }

  /** Opens a session on the model's bytes. */
  static OrtSession open(byte[] model, int threads) throws OrtException {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.addConfigEntry("session.inter_op.allow_spinning", "0");
      options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
      return environment().createSession(model, options);
    }
  }
}
