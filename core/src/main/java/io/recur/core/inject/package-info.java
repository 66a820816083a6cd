/**
 * Guice wiring: {@link io.recur.core.inject.CoreModule} declares the registries (backends, cells,
 * model file formats) as {@code MapBinder}s; each backend module adds its entry in one line.
 * Modules are declarative and side-effect free; nothing native loads at injector creation.
 */
package io.recur.core.inject;
