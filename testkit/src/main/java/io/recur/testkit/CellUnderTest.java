package io.recur.testkit;

import io.recur.core.cell.CellConfig;
import io.recur.core.cell.CellFactory;
import io.recur.core.cell.CellOptions;
import io.recur.core.cell.CellProvider;
import io.recur.core.cell.CellRegistry;
import io.recur.core.cell.RecurrentCell;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cell a kit run checks: its factory, the options it is made with, and the name it goes by
 * (a provider's short name, else the cell's class name, as on the command line).
 */
record CellUnderTest(String name, CellFactory factory, CellOptions options) {
  static CellUnderTest of(CellFactory factory, CellOptions options) {
    String name = factory instanceof CellProvider p ? p.name()
        : factory.create(new CellConfig(3, 4, options)).getClass().getName();
    return new CellUnderTest(name, factory, options);
  }

  /** The cell at these sizes; refuses options the factory does not take, as a model would. */
  RecurrentCell create(int inputSize, int hiddenSize) {
    return registry().resolve(name).create(new CellConfig(inputSize, hiddenSize, options));
  }

  /** The built-in cells, with this one under its name. */
  CellRegistry registry() {
    Map<String, CellFactory> m = new LinkedHashMap<>(CellRegistry.builtIns());
    m.put(name, factory);
    return new CellRegistry(m, factory.getClass().getClassLoader());
  }

  /** {@code cell 'mgu' (MguCell(3→4))}: how failures name the cell. */
  String label(RecurrentCell cell) {
    return "cell '" + name + "' (" + cell + ")";
  }
}
