package io.recur.backend.onnx.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The process's one ONNX Runtime environment, created on first use (never at injection time),
 * and the session options Recur runs with: a fixed number of intra-op threads (1 unless
 * configured), one inter-op thread, sequential execution and no spinning — spinning thread pools
 * of several sessions on a shared machine multiply latencies (see DEPENDENCIES.md §6).
 *
 * <p>The environment is created on a thread of its own with a {@value #INIT_STACK_MB} MiB stack:
 * ONNX Runtime 1.29's Linux telemetry parses the process's command line while the environment is
 * created, recursing deeper the longer it is, and overflows a default 1 MiB Java stack (SIGSEGV,
 * no {@code hs_err} file) once the command line exceeds about 3.5 KB — a long {@code -cp}, or
 * {@code recur generate --prefix} with a paragraph. {@code ORT_DISABLE_TELEMETRY=1} in the
 * process environment skips that code altogether ({@code ./recur} and the test runner set it);
 * either way telemetry events are disabled as soon as the environment exists.
 */
public final class OrtRuntime {
  private OrtRuntime() {}

  /** The stack of the thread that creates the environment; 64 MiB covers a command line of 120 KB (measured). */
  static final int INIT_STACK_MB = 64;

  private static final class Holder {
    static final OrtEnvironment ENV = start();
  }

  /**
   * Creates the environment on a thread with a large stack and waits for it. (Nothing here may
   * run code of {@code Holder}: the new thread would wait for {@code Holder}'s initialisation,
   * which waits for the thread.)
   */
  private static OrtEnvironment start() {
    FutureTask<OrtEnvironment> task = new FutureTask<>(OrtRuntime::create);
    new Thread(null, task, "recur-ort-init", (long) INIT_STACK_MB << 20).start();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot start ONNX Runtime: " + e.getCause(), e.getCause());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Creates the environment and turns ONNX Runtime's telemetry off: a library must not report on
   * its users. Only fatal errors are logged: every error also reaches Java as an exception, which
   * Recur reports in one line; ONNX Runtime's own log line would be a second one on standard error.
   */
  private static OrtEnvironment create() throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, "recur");
    env.setTelemetry(false);
    return env;
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
      options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
      return environment().createSession(model, options);
    }
  }
}
