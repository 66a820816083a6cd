package io.recur.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.recur.backend.nd4j.Nd4jModule;
import io.recur.backend.onnx.runtime.OnnxModule;
import io.recur.backend.tensorflow.TensorFlowModule;
import io.recur.core.config.ConfigLoader;
import io.recur.core.config.FusedMode;
import io.recur.core.config.RecurConfig;
import io.recur.core.inject.CoreModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The run-configuration options ({@code --config}, {@code --backend}, {@code --threads},
 * {@code --fused}) and the Guice injector they configure. Precedence: command line, then
 * {@code recur.*} system properties, then the config file, then defaults.
 */
public final class BackendOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "A properties file with backend, threads, fused.")
  Path config;

  @Option(names = "--backend", paramLabel = "NAME", description = "The backend (default: from configuration, else nd4j).")
  String backend;

  @Option(names = "--threads", paramLabel = "N", description = "Compute threads (default: chosen for this machine and reported).")
  Integer threads;

  @Option(names = "--fused", paramLabel = "auto|on|off", description = "Fused kernels for built-in cells (default: auto).")
  String fused;

  /** The configuration these options select. */
  public RecurConfig config() {
    RecurConfig c = ConfigLoader.load(config);
    if (backend != null) {
      c = c.withBackend(backend);
    }
    if (threads != null) {
      c = c.withThreads(threads);
    }
    if (fused != null) {
      c = c.withFused(FusedMode.parse(fused));
    }
    return c;
  }

  /** An injector with core and every backend module whose library is present; no backend is instantiated until selected. */
  public Injector injector() {
    List<Module> modules = new ArrayList<>();
    modules.add(new CoreModule(config()));
    if (present("org.nd4j.linalg.factory.Nd4j")) {
      modules.add(new Nd4jModule());
    }
    if (present("org.tensorflow.TensorFlow")) {
      modules.add(new TensorFlowModule());
    }
    if (present("ai.onnxruntime.OrtEnvironment")) {
      modules.add(new OnnxModule());
    }
    return Guice.createInjector(modules);
  }

  /**
   * Whether a backend's library is on the class path (looked up, not initialised). A deployment
   * that serves {@code .onnx} files may leave ND4J out: its backend is then not offered, and
   * {@code --backend nd4j} is refused as unknown instead of failing on a missing class.
   */
  private static boolean present(String className) {
    try {
      Class.forName(className, false, BackendOptions.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
