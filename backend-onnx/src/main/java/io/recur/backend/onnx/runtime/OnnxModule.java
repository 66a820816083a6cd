package io.recur.backend.onnx.runtime;

import com.google.inject.AbstractModule;
import io.recur.core.inject.Backends;
import io.recur.core.inject.ModelFormats;

/** Registers the ONNX Runtime backend as {@code onnx} and the reader of {@code .onnx} model files. Loads nothing. */
public final class OnnxModule extends AbstractModule {
  @Override
  protected void configure() {
    Backends.binder(binder()).addBinding(OrtBackend.NAME).to(OrtBackend.class);
    ModelFormats.binder(binder()).addBinding("onnx").to(OnnxModelReader.class);
  }
}
