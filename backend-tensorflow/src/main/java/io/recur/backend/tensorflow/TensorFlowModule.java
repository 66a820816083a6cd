package io.recur.backend.tensorflow;

import com.google.inject.AbstractModule;
import io.recur.core.inject.Backends;

/** Registers the TensorFlow backend under the name {@code tensorflow}. Loads nothing native. */
public final class TensorFlowModule extends AbstractModule {
  @Override
  protected void configure() {
    Backends.binder(binder()).addBinding("tensorflow").to(TfBackend.class);
  }
}
