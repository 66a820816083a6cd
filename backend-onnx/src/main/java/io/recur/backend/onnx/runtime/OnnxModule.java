package io.recur.backend.onnx.runtime;

import com.google.inject.AbstractModule;
import io.recur.core.backend.BackendModule;
import io.recur.core.inject.Backends;
import io.recur.core.inject.ModelFormats;

/**
 * Registers ONNX Runtime as the backend {@code onnx} and as the reader of {@code .onnx} model
 * files; found by {@link java.util.ServiceLoader} and offered when ONNX Runtime is on the class
 * path. Loads nothing native.
 */
public final class OnnxModule extends AbstractModule implements BackendModule {
  @Override
  public String name() {
    return OrtBackend.NAME;
  }

  @Override
  public boolean available() {
    return present("ai.onnxruntime.OrtEnvironment");
  }

  @Override
  protected void configure() {
    Backends.binder(binder()).addBinding(OrtBackend.NAME).to(OrtBackend.class);
    ModelFormats.binder(binder()).addBinding("onnx").to(OnnxModelReader.class);
  }
}
