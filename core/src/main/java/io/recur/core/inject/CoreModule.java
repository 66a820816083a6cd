package io.recur.core.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.recur.core.backend.BackendModule;
import io.recur.core.cell.CellFactory;
import io.recur.core.cell.CellRegistry;
import io.recur.core.config.RecurConfig;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Declares Recur's registries, binds the run configuration and installs what its class loader
 * finds with {@link ServiceLoader}: every backend ({@link BackendModule}) whose library is present,
 * and every cell registered by short name ({@link io.recur.core.cell.CellProvider}, the built-ins
 * among them). Class-named cells resolve through the same loader, so a loader over the user's
 * jars ({@code --classpath}) brings their cells and backends in. Programs may add cells with
 * {@link Cells#binder}.
 */
public final class CoreModule extends AbstractModule {
  private final RecurConfig config;
  private final ClassLoader loader;

  /** Discovers backends and cells with this class's own class loader. */
  public CoreModule(RecurConfig config) {
    this(config, CoreModule.class.getClassLoader());
  }

  /** Discovers backends and cells (and resolves cell class names) with {@code loader}. */
  public CoreModule(RecurConfig config, ClassLoader loader) {
    this.config = config;
    this.loader = loader;
  }

  @Override
  protected void configure() {
    bind(RecurConfig.class).toInstance(config);
    Backends.binder(binder());
    ModelFormats.binder(binder());
    var cells = Cells.binder(binder());
    CellRegistry.providers(loader).forEach((name, provider) -> cells.addBinding(name).toInstance(provider));
    for (BackendModule m : ServiceLoader.load(BackendModule.class, loader)) {
      if (m.available()) {
        install(m);
      }
    }
  }

  @Provides
  CellRegistry cellRegistry(Map<String, CellFactory> cells) {
    return new CellRegistry(cells, loader);
  }
}
