package io.recur.core.inject;

import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;
import io.recur.core.inference.ModelFileReader;

/** The registry of model file formats by file extension: {@code ModelFormats.binder(binder()).addBinding("onnx")…}. */
public final class ModelFormats {
  private ModelFormats() {}

  public static MapBinder<String, ModelFileReader> binder(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, ModelFileReader.class);
  }
}
