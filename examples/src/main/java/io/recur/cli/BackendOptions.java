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
 * {@code --fused}, {@code --device}) and the Guice injector they configure. Precedence: command line, then
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

  @Option(names = "--device", paramLabel = "cpu|gpu|auto", description = "Device for backends that have devices (default: auto: a GPU if one is visible).")
  String device;

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
   * An injector with core and every backend found on the class path ({@link CoreModule} discovers
   * them); no backend is instantiated until selected.
   */
  public Injector injector() {
    return injector(config());
  }

  /** {@link #injector()} for a configuration derived from {@link #config()}. */
  public Injector injector(RecurConfig c) {
    return Guice.createInjector(new CoreModule(c));
  }
}
