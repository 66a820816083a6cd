package io.recur.backend.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.backend.Capability;
import io.recur.core.cell.CellRegistry;
import io.recur.core.config.Device;
import io.recur.core.config.RecurConfig;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.ops.Initializers;
import io.recur.core.optim.Optimizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backend as the application sees it: name, capabilities, description, lazy native loading, device checks. */
class TfBackendTest {
  private static final ModelSpec SPEC = ModelSpec.builder().cell("gru").vocabSize(6).hidden(4).build();

  @Test
  void names_its_capabilities_and_describes_the_device_it_computes_on() {
    TfBackend b = new TfBackend(RecurConfig.defaults().withThreads(1), CellRegistry.withBuiltIns());
    assertEquals("tensorflow", b.name());
    assertEquals(Set.of(Capability.TRAIN, Capability.INFER, Capability.GPU), b.capabilities());
    assertEquals(1, b.threads());
    assertTrue(b.describe().matches("TensorFlow 2\\.\\d+\\.\\d+ on CPU \\(auto: TensorFlow sees no GPU\\), 1 thread"), b.describe());
    int defaulted = new TfBackend(RecurConfig.defaults(), CellRegistry.withBuiltIns()).threads();
    assertEquals(Math.min(Runtime.getRuntime().availableProcessors(), TfBackend.DEFAULT_THREADS_CAP), defaulted);
  }

  @Test
  void asking_for_a_gpu_on_a_machine_without_one_fails_in_one_line() {
    TfBackend b = new TfBackend(RecurConfig.defaults().withDevice(Device.GPU), CellRegistry.withBuiltIns());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> b.openTraining(SPEC,
        new LanguageModel(SPEC, CellRegistry.withBuiltIns()).initialize(Initializers.Scheme.XAVIER, 0), Optimizer.named("sgd")));
    assertTrue(e.getMessage().startsWith("device gpu was asked for but TensorFlow sees no GPU"), e.getMessage());
    assertTrue(new TfBackend(RecurConfig.defaults().withDevice(Device.CPU), CellRegistry.withBuiltIns()).describe()
        .contains("on CPU (asked for the CPU)"));
  }

  /** In a fresh JVM: registering the module and selecting the backend map no TensorFlow library; opening a session does. */
  @Test
  void tensorflow_loads_only_when_the_first_session_opens(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out.txt");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), NativeLoadProbe.class.getName())
        .redirectOutput(out.toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the probe finished");
    List<String> lines = Files.readAllLines(out);
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("err.txt")));
    assertEquals(List.of("selected tensorflow [TRAIN, INFER, GPU] 1: false", "opened: true"), lines);
  }
}
