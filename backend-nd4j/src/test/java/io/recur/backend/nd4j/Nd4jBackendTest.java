package io.recur.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import io.recur.backend.nd4j.fused.FusedKernels;
import io.recur.core.backend.Backend;
import io.recur.core.backend.BackendSelector;
import io.recur.core.backend.Capability;
import io.recur.core.cell.CellRegistry;
import io.recur.core.config.RecurConfig;
import io.recur.core.inject.CoreModule;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.ops.Initializers;
import io.recur.core.optim.Optimizer;
import io.recur.core.testing.MguCell;
import io.recur.data.partition.SequentialPartitioner;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Nd4jBackendTest {
  @Test
  void core_discovers_the_backend_on_the_class_path() {
    Backend b = Guice.createInjector(new CoreModule(RecurConfig.defaults().withThreads(1)))
        .getInstance(BackendSelector.class).select("nd4j");
    assertInstanceOf(Nd4jBackend.class, b);
    assertEquals("nd4j", b.name());
    assertEquals(Set.of(Capability.TRAIN, Capability.INFER, Capability.FUSED_KERNELS, Capability.EXPORT_SOURCE), b.capabilities());
    assertTrue(b.describe().startsWith("ND4J 1.0.0-M2.1 (OpenBLAS 0.3.28), "), b.describe());
  }

  @Test
  void zero_threads_means_the_cores_up_to_two_and_openmp_and_openblas_always_get_one() {
    assertEquals(1, ThreadPolicy.defaultFor(1));
    assertEquals(2, ThreadPolicy.defaultFor(2));
    assertEquals(2, ThreadPolicy.defaultFor(64));
    assertEquals(ThreadPolicy.defaultFor(Runtime.getRuntime().availableProcessors()), ThreadPolicy.forConfigured(0).threads());
    assertEquals(3, ThreadPolicy.forConfigured(3).threads());
    assertEquals(1, ThreadPolicy.forConfigured(3).ompThreads());
    assertEquals(1, ThreadPolicy.forConfigured(3).blasThreads());
    assertEquals("2 threads", ThreadPolicy.forConfigured(2).describe());
    assertEquals("1 thread", ThreadPolicy.forConfigured(1).describe());
    assertThrows(IllegalArgumentException.class, () -> ThreadPolicy.forConfigured(-1));
  }

  @Test
  void the_default_configuration_reports_its_thread_count() {
    Backend b = new Nd4jBackend(RecurConfig.defaults(), CellRegistry.withBuiltIns());
    assertEquals(ThreadPolicy.defaultFor(Runtime.getRuntime().availableProcessors()), b.threads());
    assertTrue(b.describe().endsWith(ThreadPolicy.forConfigured(0).describe()), b.describe());
  }

  @Test
  void opening_a_session_applies_the_thread_count_to_the_fused_kernels() {
    ModelSpec spec = ModelSpec.builder().cell("rnn").vocabSize(5).hidden(4).build();
    var params = new LanguageModel(spec, CellRegistry.withBuiltIns()).initialize(Initializers.Scheme.XAVIER, 0);
    for (int n : new int[] {2, 1}) {
      Backend b = new Nd4jBackend(RecurConfig.defaults().withThreads(n), CellRegistry.withBuiltIns());
      b.openTraining(spec, params, Optimizer.named("sgd")).close();
      assertEquals(n, FusedKernels.threads());
      assertEquals(1, Nd4jRuntime.blasThreads());
      assertTrue(b.describe().endsWith(n == 1 ? "1 thread" : "2 threads"), b.describe());
    }
  }

  @Test
  void a_custom_cell_registered_by_class_name_trains() {
    ModelSpec spec = ModelSpec.builder().cell(MguCell.class.getName()).vocabSize(5).hidden(6).build();
    var params = new LanguageModel(spec, CellRegistry.withBuiltIns()).initialize(Initializers.Scheme.XAVIER, 0);
    Backend b = new Nd4jBackend(RecurConfig.defaults().withThreads(1), CellRegistry.withBuiltIns());
    var batches = SequentialPartitioner.evaluation().epoch(TestCorpus.walk(600, 5, 3), 4, 8, new io.recur.core.util.Rng(0));
    try (var s = b.openTraining(spec, params, Optimizer.named("adam"))) {
      double first = 0;
      double last = 0;
      for (int epoch = 0; epoch < 6; epoch++) {
        double sum = 0;
        for (int i = 0; i < batches.size(); i++) {
          double l = s.computeGradients(batches.get(i), i).mean();
          s.applyUpdate(0.02, 1);
          sum += l;
          if (epoch == 0 && i == 0) {
            first = l;
          }
        }
        last = sum / batches.size();
      }
      assertTrue(last < 0.75 * first, "MGU loss should fall: " + first + " → " + last);
    }
  }
}
