package io.recur.core.inject;

import com.google.inject.AbstractModule;
import io.recur.core.backend.BackendModule;
import io.recur.core.cell.CellRegistry;
import io.recur.core.config.RecurConfig;
import java.util.ServiceLoader;

/**
 * Declares Recur's registries, binds the run configuration and installs every backend found on
 * the class path: each {@link BackendModule} listed under {@code META-INF/services} whose library
 * is present. Users add cells with {@link Cells#binder}.
 */
public final class CoreModule extends AbstractModule {
  private final RecurConfig config;
  private final ClassLoader loader;

  /** Discovers backends with this class's own class loader. */
  public CoreModule(RecurConfig config) {
    this(config, CoreModule.class.getClassLoader());
  }

  /** Discovers backends (and, through it, user classes) with {@code loader}. */
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
    CellRegistry.builtIns().forEach((name, factory) -> cells.addBinding(name).toInstance(factory));
    for (BackendModule m : ServiceLoader.load(BackendModule.class, loader)) {
      if (m.available()) {
        install(m);
      }
    }
  }
}
