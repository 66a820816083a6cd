package io.recur.core.cell;

import io.recur.core.InvalidInputException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds a cell factory by short name ({@code lstm}, or a name a {@link CellProvider} registered)
 * or by class name ({@code com.acme.MguCell}, loaded through the registry's class loader). The
 * factory it returns refuses options the cell does not take, naming the ones it does.
 *
 * <p>A class named on the command line is made through its public static nested
 * {@link CellFactory} (with a public no-argument constructor) when it has one — the way to take
 * options — else through a public {@code (CellConfig)} or {@code (int inputSize, int hiddenSize)}
 * constructor, and then takes no options.
 */
public final class CellRegistry {
  /** Where a jar lists its cell providers. */
  public static final String SERVICE_FILE = "META-INF/services/" + CellProvider.class.getName();

  private static final String HOW_TO_ADD = "name a cell class (com.acme.MyCell) on --classpath, or register a short name "
      + "by listing a CellProvider in " + SERVICE_FILE + " (docs/custom-cells.md)";

  private final Map<String, CellFactory> byName;
  private final ClassLoader loader;

  /**
   * @param byName the short names
   * @param loader resolves class names
   */
  public CellRegistry(Map<String, ? extends CellFactory> byName, ClassLoader loader) {
    this.byName = Map.copyOf(byName);
    this.loader = loader;
  }

  /** Short names {@code byName}; class names resolve through this class's own loader. */
  public CellRegistry(Map<String, ? extends CellFactory> byName) {
    this(byName, CellRegistry.class.getClassLoader());
  }

  /** The built-in cells: {@code rnn}, {@code rnn-relu}, {@code lstm}, {@code gru}. */
  public static Map<String, CellFactory> builtIns() {
    Map<String, CellFactory> m = new LinkedHashMap<>();
    for (CellProvider p : new CellProvider[] {new RnnCell.TanhFactory(), new RnnCell.ReluFactory(), new LstmCell.Factory(),
        new GruCell.Factory()}) {
      m.put(p.name(), p);
    }
    return m;
  }

  /** A registry of the built-in cells only, for programs and tests that do not use Guice. */
  public static CellRegistry withBuiltIns() {
    return new CellRegistry(builtIns());
  }

  /** Every cell registered on {@code loader}'s class path (the built-ins among them), class names resolved through it. */
  public static CellRegistry discover(ClassLoader loader) {
    return new CellRegistry(providers(loader), loader);
  }

  /**
   * The {@link CellProvider}s {@link ServiceLoader} finds through {@code loader}, by name.
   *
   * @throws InvalidInputException if a provider cannot be loaded, has a bad name, or shares its name with another
   */
  public static Map<String, CellProvider> providers(ClassLoader loader) {
    Map<String, CellProvider> m = new LinkedHashMap<>();
    try {
      for (CellProvider p : ServiceLoader.load(CellProvider.class, loader)) {
        String name = p.name();
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
          throw new InvalidInputException("cell provider " + p.getClass().getName() + " has the name '" + name
              + "'; short names are lower-case letters, digits and '-', starting with a letter");
        }
        CellProvider other = m.putIfAbsent(name, p);
        if (other != null) {
          throw new InvalidInputException("cell name '" + name + "' is registered twice, by " + other.getClass().getName()
              + " and " + p.getClass().getName() + "; rename one, or leave one jar off --classpath");
        }
      }
    } catch (ServiceConfigurationError e) {
      throw new InvalidInputException("cannot load a cell provider: " + e.getMessage() + "; check " + SERVICE_FILE
          + " in the jars on --classpath (each line a public class with a public no-argument constructor)", e);
    }
    return m;
  }

  /** The registered short names, sorted. */
  public Set<String> names() {
    return new TreeSet<>(byName.keySet());
  }

  /** The factory of a short name or a class name; its {@code create} refuses options the cell does not take. */
  public CellFactory resolve(String name) {
    CellFactory f = byName.get(name);
    if (f == null && name.contains(".")) {
      f = reflective(name);
    }
    if (f == null) {
      throw new InvalidInputException("unknown cell '" + name + "'; registered: " + names() + "; or " + HOW_TO_ADD + "; set --cell");
    }
    return checkingOptions(name, f);
  }

  private static CellFactory checkingOptions(String name, CellFactory f) {
    return new CellFactory() {
      @Override
      public RecurrentCell create(CellConfig config) {
        config.options().requireOnly(name, f.options());
        return f.create(config);
      }

      @Override
      public Set<String> options() {
        return f.options();
      }
    };
  }

  private CellFactory reflective(String className) {
    Class<?> type;
    try {
      type = Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new InvalidInputException("cell class '" + className + "' is not on the class path; pass --classpath DIR_OR_JAR "
          + "(or set RECUR_CLASSPATH; java -jar ignores CLASSPATH and -cp), or use a registered name: " + names());
    }
    if (!RecurrentCell.class.isAssignableFrom(type)) {
      throw new InvalidInputException("class '" + className + "' does not implement " + RecurrentCell.class.getName());
    }
    for (Class<?> nested : type.getClasses()) {
      if (CellFactory.class.isAssignableFrom(nested) && Modifier.isStatic(nested.getModifiers())) {
        try {
          return (CellFactory) nested.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
          continue;
        } catch (InvocationTargetException e) {
          throw new InvalidInputException("cell factory " + nested.getName() + " failed to construct: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
          throw new InvalidInputException("cell factory " + nested.getName() + " cannot be instantiated: " + e, e);
        }
      }
    }
    return byConstructor(className, type);
  }

  private static CellFactory byConstructor(String className, Class<?> type) {
    Constructor<?> withConfig = constructor(type, CellConfig.class);
    Constructor<?> withSizes = constructor(type, int.class, int.class);
    if (withConfig == null && withSizes == null) {
      throw new InvalidInputException("cell class '" + className + "' needs a public static nested CellFactory, or a public "
          + "constructor (CellConfig) or (int inputSize, int hiddenSize); see RecurrentCell's Javadoc");
    }
    return config -> {
      try {
        return (RecurrentCell) (withConfig != null ? withConfig.newInstance(config)
            : withSizes.newInstance(config.inputSize(), config.hiddenSize()));
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof InvalidInputException bad) {
          throw bad;
        }
        throw new InvalidInputException("cell class '" + className + "' failed to construct: " + e.getCause(), e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new InvalidInputException("cell class '" + className + "' cannot be instantiated: " + e, e);
      }
    };
  }

  private static Constructor<?> constructor(Class<?> type, Class<?>... params) {
    try {
      return type.getConstructor(params);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
