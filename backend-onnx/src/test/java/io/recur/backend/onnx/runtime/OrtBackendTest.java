package io.recur.backend.onnx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provider;
import io.recur.backend.onnx.OnnxExporter;
import io.recur.backend.onnx.testing.Fixtures;
import io.recur.core.InvalidInputException;
import io.recur.core.backend.Backend;
import io.recur.core.backend.BackendSelector;
import io.recur.core.backend.BackendSelector;
import io.recur.core.backend.Capability;
import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.TrainingSession;
import io.recur.core.config.FusedMode;
import io.recur.core.config.RecurConfig;
import io.recur.core.inference.LoadedModel;
import io.recur.core.inference.ModelLoader;
import io.recur.core.inject.Backends;
import io.recur.core.inject.CoreModule;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.optim.Optimizer;
import io.recur.core.sequence.TextSpec;
import io.recur.core.testing.ReferenceModel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code onnx} backend: inference only, checkpoints exported in memory, registered by OnnxModule. */
class OrtBackendTest {
  final ModelSpec spec = ModelSpec.builder().cell("gru").vocabSize(9).embed(3).hidden(5).layers(2).build();
  final ParameterSet params = Fixtures.randomParams(spec, 8);

  /** A stand-in for a training backend, to see that the refusal names it. */
  static final class TrainingBackend implements Backend {
    @Override
    public String name() {
      return "trainer";
    }

    @Override
    public Set<Capability> capabilities() {
      return Set.of(Capability.TRAIN, Capability.INFER);
    }

    @Override
    public TrainingSession openTraining(ModelSpec spec, ParameterSet initial, Optimizer optimizer) {
      throw new AssertionError("not called");
    }

    @Override
    public InferenceModel openInference(ModelSpec spec, ParameterSet params) {
      throw new AssertionError("not called");
    }

    @Override
    public int threads() {
      return 1;
    }

    @Override
    public String describe() {
      return "test";
    }
  }

  static OrtBackend backend(RecurConfig config, Map<String, Provider<Backend>> others) {
    BackendSelector selector = new BackendSelector(others, config);
    return new OrtBackend(config, Fixtures.cells(), () -> selector);
  }

  @Test
  void itOnlyInfers() {
    OrtBackend b = backend(RecurConfig.defaults(), Map.of());
    assertEquals("onnx", b.name());
    assertEquals(Set.of(Capability.INFER), b.capabilities());
  }

  @Test
  void trainingIsRefusedNamingTheBackendsThatCanTrain() {
    OrtBackend b = backend(RecurConfig.defaults(), Map.of("trainer", TrainingBackend::new));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> b.openTraining(spec, params, null));
    assertTrue(e.getMessage().contains("runs inference only") && e.getMessage().contains("--backend trainer"), e.getMessage());
    InvalidInputException alone = assertThrows(InvalidInputException.class,
        () -> backend(RecurConfig.defaults(), Map.of()).openTraining(spec, params, null));
    assertTrue(alone.getMessage().contains("no training backend is installed"), alone.getMessage());
  }

  @Test
  void aCheckpointRunsThroughAnInMemoryExport() {
    for (FusedMode mode : FusedMode.values()) {
      OrtBackend b = backend(RecurConfig.defaults().withFused(mode), Map.of());
      int[][] tokens = Fixtures.tokens(2, 6, 9, 4);
      try (InferenceModel m = b.openInference(spec, params); InferenceSession s = m.newSession(2)) {
        double d = Fixtures.maxAbsDiff(s.forward(tokens).data(), new ReferenceModel(spec, params).forward(tokens));
        assertTrue(d <= 1e-5, mode + ": " + d);
      }
    }
  }

  @Test
  void describeNamesTheRuntimeAndThreads() {
    assertTrue(backend(RecurConfig.defaults(), Map.of()).describe().matches("ONNX Runtime 1\\.\\d+\\.\\d+, 1 thread"));
    assertTrue(backend(RecurConfig.defaults().withThreads(2), Map.of()).describe().endsWith(", 2 threads"));
  }

  @Test
  void theModuleRegistersTheBackendAndTheFileFormat(@TempDir Path dir) {
    Injector injector = Guice.createInjector(new CoreModule(RecurConfig.defaults().withBackend("onnx")), new OnnxModule());
    Backend b = injector.getInstance(BackendSelector.class).select();
    assertEquals("onnx", b.name());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> b.openTraining(spec, params, null));
    assertTrue(e.getMessage().contains("no training backend is installed"), e.getMessage());

    Path file = dir.resolve("m.onnx");
    new OnnxExporter(Fixtures.cells(), FusedMode.AUTO, 1).export(spec, TextSpec.defaults(), OnnxModelReaderTest.vocab(9), params, file);
    try (LoadedModel loaded = injector.getInstance(ModelLoader.class).load(file)) {
      assertEquals(spec, loaded.spec());
      assertEquals("onnx", loaded.model().backend());
    }
  }

  @Test
  void trainingBackendsRegisteredBesideItAreNamed() {
    Injector injector = Guice.createInjector(new CoreModule(RecurConfig.defaults()), new OnnxModule(),
        binder -> Backends.binder(binder).addBinding("trainer").to(TrainingBackend.class));
    Backend b = injector.getInstance(BackendSelector.class).select("onnx");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> b.openTraining(spec, params, null));
    assertTrue(e.getMessage().contains("--backend trainer"), e.getMessage());
  }
}
