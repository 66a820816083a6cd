package io.recur.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.recur.core.InvalidInputException;
import io.recur.core.cell.CellFactory;
import io.recur.core.config.RecurConfig;
import io.recur.core.inject.Backends;
import io.recur.core.inject.CoreModule;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.optim.Optimizer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackendSelectorTest {
  static final AtomicInteger ALPHA_BUILT = new AtomicInteger();
  static final AtomicInteger BETA_BUILT = new AtomicInteger();

  /** A backend that can do nothing but count its construction. */
  abstract static class Counting implements Backend {
    @Override
    public Set<Capability> capabilities() {
      return Set.of();
    }

    @Override
    public TrainingSession openTraining(ModelSpec spec, ParameterSet initial, Optimizer optimizer) {
      throw new InvalidInputException(name() + " cannot train");
    }

    @Override
    public InferenceModel openInference(ModelSpec spec, ParameterSet params) {
      throw new InvalidInputException(name() + " cannot infer");
    }

    @Override
    public int threads() {
      return 1;
    }

    @Override
    public String describe() {
      return name();
    }
  }

  static final class Alpha extends Counting {
    Alpha() {
      ALPHA_BUILT.incrementAndGet();
    }

    @Override
    public String name() {
      return "alpha";
    }
  }

  static final class Beta extends Counting {
    Beta() {
      BETA_BUILT.incrementAndGet();
    }

    @Override
    public String name() {
      return "beta";
    }
  }

  private static Injector injector(String backend) {
    return Guice.createInjector(new CoreModule(RecurConfig.defaults().withBackend(backend)), new AbstractModule() {
      @Override
      protected void configure() {
        Backends.binder(binder()).addBinding("alpha").to(Alpha.class);
        Backends.binder(binder()).addBinding("beta").to(Beta.class);
      }
    });
  }

  @Test
  void onlyTheChosenBackendIsBuilt() {
    ALPHA_BUILT.set(0);
    BETA_BUILT.set(0);
    Injector inj = injector("beta");
    assertEquals(0, ALPHA_BUILT.get() + BETA_BUILT.get(), "creating the injector builds no backend");
    assertEquals("beta", inj.getInstance(BackendSelector.class).select().name());
    assertEquals(0, ALPHA_BUILT.get());
    assertEquals(1, BETA_BUILT.get());
  }

  @Test
  void anUnknownNameListsTheAvailableOnesAndTheSetting() {
    var e = assertThrows(InvalidInputException.class, () -> injector("tf").getInstance(BackendSelector.class).select());
    assertEquals("unknown backend 'tf'; available: [alpha, beta]; set --backend or recur.backend", e.getMessage());
  }

  @Test
  void coreModuleRegistersTheBuiltInCells() {
    Map<String, CellFactory> cells = injector("alpha").getInstance(
        com.google.inject.Key.get(new com.google.inject.TypeLiteral<Map<String, CellFactory>>() {}));
    assertTrue(cells.keySet().containsAll(Set.of("rnn", "rnn-relu", "lstm", "gru")));
  }
}
