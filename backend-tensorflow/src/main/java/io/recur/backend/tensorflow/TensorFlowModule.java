package io.recur.backend.tensorflow;

import com.google.inject.AbstractModule;
import io.recur.core.backend.BackendModule;
import io.recur.core.inject.Backends;

/**
 * Registers the TensorFlow backend under the name {@code tensorflow}; found by
 * {@link java.util.ServiceLoader} and offered when TensorFlow Java is on the class path. Loads
 * nothing native.
 */
public final class TensorFlowModule extends AbstractModule implements BackendModule {
  @Override
  public String name() {
    return "tensorflow";
  }

  @Override
  public boolean available() {
    return present("org.tensorflow.TensorFlow");
  }

  @Override
  protected void configure() {
    Backends.binder(binder()).addBinding(name()).to(TfBackend.class);
  }
}
