package io.recur.core.inject;

import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;
import io.recur.core.backend.Backend;

/** The registry of backends by name: {@code Backends.binder(binder()).addBinding("nd4j").to(Nd4jBackend.class)}. */
public final class Backends {
  private Backends() {}

  public static MapBinder<String, Backend> binder(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, Backend.class);
  }
}
