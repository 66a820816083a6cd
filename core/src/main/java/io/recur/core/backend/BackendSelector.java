package io.recur.core.backend;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.recur.core.InvalidInputException;
import io.recur.core.config.RecurConfig;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Picks the configured backend by name. Only the chosen backend is instantiated, so the other
 * native stacks never load.
 */
public final class BackendSelector {
  private final Map<String, Provider<Backend>> backends;
  private final RecurConfig config;

  @Inject
  public BackendSelector(Map<String, Provider<Backend>> backends, RecurConfig config) {
    this.backends = Map.copyOf(backends);
    this.config = config;
  }

  /** The backend named by the configuration. */
  public Backend select() {
    return select(config.backend());
  }

  public Backend select(String name) {
    Provider<Backend> p = backends.get(name);
    if (p == null) {
      throw new InvalidInputException("unknown backend '" + name + "'; available: " + available()
          + "; set --backend or recur.backend");
    }
    return p.get();
  }

  public Set<String> available() {
    return new TreeSet<>(backends.keySet());
  }

  /**
   * The names of the available backends that have {@code capability} — asked of each backend
   * (constructing one loads nothing native).
   */
  public Set<String> withCapability(Capability capability) {
    Set<String> names = new TreeSet<>();
    backends.forEach((name, p) -> {
      if (p.get().capabilities().contains(capability)) {
        names.add(name);
      }
    });
    return names;
  }
}
