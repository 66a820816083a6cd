package io.recur.core.inject;

import com.google.inject.AbstractModule;
import io.recur.core.cell.CellRegistry;
import io.recur.core.config.RecurConfig;

/**
 * Declares Recur's registries and binds the run configuration. Backend modules add themselves
 * with {@link Backends#binder}; users add cells with {@link Cells#binder}.
 */
public final class CoreModule extends AbstractModule {
  private final RecurConfig config;

  public CoreModule(RecurConfig config) {
    this.config = config;
  }

  @Override
  protected void configure() {
    bind(RecurConfig.class).toInstance(config);
    Backends.binder(binder());
    ModelFormats.binder(binder());
    var cells = Cells.binder(binder());
    CellRegistry.builtIns().forEach((name, factory) -> cells.addBinding(name).toInstance(factory));
  }
}
