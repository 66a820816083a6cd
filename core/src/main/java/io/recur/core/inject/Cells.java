package io.recur.core.inject;

import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;
import io.recur.core.cell.CellFactory;

/**
 * The registry of cells by short name. {@link CoreModule} fills it with every
 * {@link io.recur.core.cell.CellProvider} on the class path; a program may add its own in a module:
 * {@code Cells.binder(binder()).addBinding("mgu").toInstance(MguCell::new)}.
 */
public final class Cells {
  private Cells() {}

  public static MapBinder<String, CellFactory> binder(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, CellFactory.class);
  }
}
