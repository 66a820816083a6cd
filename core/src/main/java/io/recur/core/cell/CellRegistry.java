package io.recur.core.cell;

import com.google.inject.Inject;
import io.recur.core.InvalidInputException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds a cell factory by short name ({@code lstm}, or a name a user module registered) or by
 * class name ({@code com.acme.MguCell}, which needs a public {@code (int, int)} constructor).
 */
public final class CellRegistry {
  private final Map<String, CellFactory> byName;

  @Inject
  public CellRegistry(Map<String, CellFactory> byName) {
    this.byName = Map.copyOf(byName);
  }

  /** The built-in cells: {@code rnn}, {@code rnn-relu}, {@code lstm}, {@code gru}. */
  public static Map<String, CellFactory> builtIns() {
    Map<String, CellFactory> m = new LinkedHashMap<>();
    m.put("rnn", RnnCell::tanh);
    m.put("rnn-relu", RnnCell::relu);
    m.put("lstm", LstmCell.FACTORY);
    m.put("gru", GruCell::new);
    return m;
  }

  /** A registry of the built-in cells only, for programs that do not use Guice. */
  public static CellRegistry withBuiltIns() {
    return new CellRegistry(builtIns());
  }

  public CellFactory resolve(String name) {
    CellFactory f = byName.get(name);
    if (f != null) {
      return f;
    }
    if (name.contains(".")) {
      return reflective(name);
    }
    throw new InvalidInputException("unknown cell '" + name + "'; available: " + new TreeSet<>(byName.keySet())
        + " or a class name with a public (int inputSize, int hiddenSize) constructor; set --cell");
  }

  private static CellFactory reflective(String className) {
    Class<?> type;
    try {
      type = Class.forName(className);
    } catch (ClassNotFoundException e) {
      throw new InvalidInputException("cell class '" + className + "' is not on the classpath; add its jar or use a registered name");
    }
    if (!RecurrentCell.class.isAssignableFrom(type)) {
      throw new InvalidInputException("class '" + className + "' does not implement " + RecurrentCell.class.getName());
    }
    Constructor<?> ctor;
    try {
      ctor = type.getConstructor(int.class, int.class);
    } catch (NoSuchMethodException e) {
      throw new InvalidInputException("cell class '" + className
          + "' needs a public constructor (int inputSize, int hiddenSize); see RecurrentCell's Javadoc");
    }
    return (in, hidden) -> {
      try {
        return (RecurrentCell) ctor.newInstance(in, hidden);
      } catch (InvocationTargetException e) {
        throw new InvalidInputException("cell class '" + className + "' failed to construct: " + e.getCause(), e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new InvalidInputException("cell class '" + className + "' cannot be instantiated: " + e, e);
      }
    };
  }
}
