package io.recur.backend.nd4j;

import com.google.inject.AbstractModule;
import io.recur.core.backend.BackendModule;
import io.recur.core.inject.Backends;

/**
 * Registers the ND4J backend under the name {@code nd4j}; found by {@link java.util.ServiceLoader}
 * and offered when ND4J is on the class path. Loads nothing native.
 */
public final class Nd4jModule extends AbstractModule implements BackendModule {
  @Override
  public String name() {
    return "nd4j";
  }

  @Override
  public boolean available() {
    return present("org.nd4j.linalg.factory.Nd4j");
  }

  @Override
  protected void configure() {
    Backends.binder(binder()).addBinding(name()).to(Nd4jBackend.class);
  }
}
