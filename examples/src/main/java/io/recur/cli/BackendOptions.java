package io.recur.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.recur.core.config.ConfigLoader;
import io.recur.core.config.Device;
import io.recur.core.config.FusedMode;
import io.recur.core.config.RecurConfig;
import io.recur.core.inject.CoreModule;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The run-configuration options ({@code --config}, {@code --backend}, {@code --threads},
 * {@code --fused}, {@code --device}, {@code --classpath}) and the Guice injector they configure — the
 * mixin of every command that builds a model. Precedence: command line, then {@code recur.*} system
 * properties, then the config file, then defaults; {@code --classpath} overrides {@code RECUR_CLASSPATH}.
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

  @Option(names = "--device", paramLabel = "cpu|gpu|auto", description = "Device for backends that have devices (default: auto: a GPU if one is visible).")
  String device;

  @Option(names = "--classpath", paramLabel = "PATH",
      description = "Jars or class directories with your own cells, ':'-separated (';' on Windows); DIR/* for every jar in DIR "
          + "(default: $RECUR_CLASSPATH).")
  String classpath;

  private ClassLoader loader;

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
    if (device != null) {
      c = c.withDevice(Device.parse(device));
    }
    return c;
  }

  /**
   * An injector with core and every backend and cell found on the class path and the user's
   * ({@link CoreModule} discovers them); no backend is instantiated until selected.
   */
  public Injector injector() {
    return injector(config());
  }

  /** {@link #injector()} for a configuration derived from {@link #config()}. */
  public Injector injector(RecurConfig c) {
    return Guice.createInjector(new CoreModule(c, loader()));
  }

  /** The class loader over {@code --classpath} (else {@code RECUR_CLASSPATH}), made once. */
  ClassLoader loader() {
    if (loader == null) {
      String env = System.getenv("RECUR_CLASSPATH");
      loader = classpath != null ? UserClassPath.of(classpath, "--classpath", BackendOptions.class.getClassLoader())
          : UserClassPath.of(env, "RECUR_CLASSPATH", BackendOptions.class.getClassLoader());
    }
    return loader;
  }
}
