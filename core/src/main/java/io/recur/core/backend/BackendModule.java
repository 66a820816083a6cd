package io.recur.core.backend;

import com.google.inject.Module;

/**
 * A backend's Guice module, found by {@link java.util.ServiceLoader}: each backend jar lists its
 * module in {@code META-INF/services/io.recur.core.backend.BackendModule}, and
 * {@link io.recur.core.inject.CoreModule} installs every one that is {@link #available()} — no
 * hand-written list, the same for the command line and for library users. A module binds its
 * backend with {@link io.recur.core.inject.Backends#binder} under {@link #name()}, and does no work:
 * nothing native loads until the backend is selected and used.
 */
public interface BackendModule extends Module {
  /** The configuration name of the backend this module binds ({@code nd4j}, {@code tensorflow}, {@code onnx}). */
  String name();

  /**
   * Whether the backend's own library is on the class path (looked up without initialising it).
   * A deployment may leave a library out — ONNX serving without ND4J — and the backend is then
   * simply not offered.
   */
  boolean available();

  /** Whether {@code className} can be found by this module's class loader, without initialising it. */
  default boolean present(String className) {
    try {
      Class.forName(className, false, getClass().getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
