package io.recur.spark;

import com.google.inject.Guice;
import io.recur.core.backend.Backend;
import io.recur.core.backend.BackendSelector;
import io.recur.core.config.Device;
import io.recur.core.config.FusedMode;
import io.recur.core.config.RecurConfig;
import io.recur.core.inject.CoreModule;

/** {@link WorkerBackend#configured}: a {@link RecurConfig}'s fields, selected through {@link CoreModule}. */
record ConfiguredBackend(String backend, int threads, FusedMode fused, Device device) implements WorkerBackend {
  @Override
  public Backend open() {
    RecurConfig config = new RecurConfig(backend, threads, fused, device);
    return Guice.createInjector(new CoreModule(config)).getInstance(BackendSelector.class).select();
  }
}
