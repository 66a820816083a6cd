package io.recur.backend.nd4j;

import com.google.inject.AbstractModule;
import io.recur.core.inject.Backends;

/** Registers the ND4J backend under the name {@code nd4j}. Loads nothing native. */
public final class Nd4jModule extends AbstractModule {
  @Override
  protected void configure() {
    Backends.binder(binder()).addBinding("nd4j").to(Nd4jBackend.class);
  }
}
