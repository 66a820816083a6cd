package io.recur.backend.nd4j;

import io.recur.backend.nd4j.fused.FusedKernels;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J's process-wide setup, done when the first session opens (a holder class, so that merely
 * constructing the backend loads no native library): ND4J's OpenMP pool, OpenBLAS and the fused
 * kernels' team get the policy's threads. All three are global to the process and applied again
 * whenever a session opens, so the last opened session's policy is in force. (ND4J resets
 * OpenBLAS's thread count when it loads, so this always runs after loading it.)
 */
final class Nd4jRuntime {
  private Nd4jRuntime() {}

  /** Initialised by the JVM on first use only, exactly once. */
  private static final class Holder {
    static {
      Nd4j.create(1);
      Nd4j.getEnvironment().setMaxThreads(1);
      Nd4j.getEnvironment().setMaxMasterThreads(1);
    }

    static void load() {
      // Class initialisation above does the work.
    }
  }

  /** Loads ND4J if needed and applies {@code policy}. */
  static synchronized void start(ThreadPolicy policy) {
    Holder.load();
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(policy.ompThreads());
    openblas_nolapack.blas_set_num_threads(policy.blasThreads());
    FusedKernels.setThreads(policy.threads());
  }

  /** OpenBLAS's current thread count (loads ND4J). */
  static int blasThreads() {
    return openblas_nolapack.blas_get_num_threads();
  }

  /** "ND4J 1.0.0-M2.1 (OpenBLAS 0.3.28)", read from the jars without loading native code. */
  static String versions() {
    return "ND4J " + nd4jVersion() + " (" + openblas_nolapack.OPENBLAS_VERSION.trim() + ")";
  }

  private static String nd4jVersion() {
    try (InputStream in = Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
      if (in == null) {
        return "(unknown version)";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "(unknown version)");
    } catch (IOException e) {
      return "(unknown version)";
    }
  }
}
