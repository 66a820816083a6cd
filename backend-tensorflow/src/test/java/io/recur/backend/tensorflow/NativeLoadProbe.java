package io.recur.backend.tensorflow;

import com.google.inject.Guice;
import io.recur.core.backend.Backend;
import io.recur.core.backend.BackendSelector;
import io.recur.core.backend.TrainingSession;
import io.recur.core.cell.CellRegistry;
import io.recur.core.config.RecurConfig;
import io.recur.core.inject.CoreModule;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.ops.Initializers;
import io.recur.core.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a fresh JVM by {@link TfBackendTest}: lets core discover the module, selects and asks the backend
 * what it is, then opens a session, printing after each stage whether a TensorFlow library is
 * mapped into the process ({@code /proc/self/maps}).
 */
public final class NativeLoadProbe {
  private NativeLoadProbe() {}

  public static void main(String[] args) throws IOException {
    Backend backend = Guice.createInjector(new CoreModule(RecurConfig.defaults().withThreads(1)))
        .getInstance(BackendSelector.class).select("tensorflow");
    System.out.println("selected " + backend.name() + " " + backend.capabilities() + " " + backend.threads() + ": " + loaded());
    ModelSpec spec = ModelSpec.builder().cell("rnn").vocabSize(5).hidden(3).build();
    try (TrainingSession s = backend.openTraining(spec,
        new LanguageModel(spec, CellRegistry.withBuiltIns()).initialize(Initializers.Scheme.XAVIER, 0), Optimizer.named("sgd"))) {
      System.out.println("opened: " + loaded());
    }
  }

  private static boolean loaded() throws IOException {
    return Files.readString(Path.of("/proc/self/maps")).contains("libtensorflow");
  }
}
