package io.recur.backend.nd4j;

import io.recur.core.cell.CellRegistry;
import io.recur.core.config.FusedMode;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.ops.Initializers;
import io.recur.core.optim.Optimizer;
import io.recur.core.sequence.Batch;
import io.recur.core.util.Rng;
import io.recur.data.partition.SequentialPartitioner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Not a test: measures the generic path's training throughput and resident memory on the
 * reference workload (B 32, T 35, one-hot V 28, LSTM H 256, SGD, fused kernels off).
 * {@code java -cp <test classpath> io.recur.backend.nd4j.GenericPathBenchmark [threads] [steps] [cell]}.
 */
public final class GenericPathBenchmark {
  private GenericPathBenchmark() {}

  public static void main(String[] args) throws IOException {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    String cell = args.length > 2 ? args[2] : "lstm";
    ModelSpec spec = ModelSpec.builder().cell(cell).vocabSize(28).hidden(256).build();
    LanguageModel model = new LanguageModel(spec, CellRegistry.withBuiltIns());
    List<Batch> batches = SequentialPartitioner.evaluation().epoch(TestCorpus.walk(180_000, 28, 1), 32, 35, new Rng(0));
    Nd4jRuntime.start(new ThreadPolicy(threads));
    System.out.printf("%s, cell %s, BLAS threads %d, RSS after start %d MB%n", Nd4jRuntime.versions(), cell,
        Nd4jRuntime.blasThreads(), rssMb());
    try (Nd4jTrainingSession s = new Nd4jTrainingSession(model, model.initialize(Initializers.Scheme.XAVIER, 0),
        Optimizer.named("sgd"), new Recurrence(FusedMode.OFF))) {
      int warmup = Math.min(10, steps / 4);
      long start = 0;
      for (int i = 0; i < steps; i++) {
        if (i == warmup) {
          start = System.nanoTime();
          System.out.printf("RSS after %d warm-up steps: %d MB%n", warmup, rssMb());
        }
        s.computeGradients(batches.get(i % batches.size()), i);
        s.applyUpdate(1.0, Math.min(1, 1 / s.gradientNorm()));
        if ((i + 1) % 100 == 0) {
          Runtime rt = Runtime.getRuntime();
          System.out.printf("step %d: RSS %d MB (Java heap committed %d MB, used %d MB)%n", i + 1, rssMb(),
              rt.totalMemory() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long tokens = (long) (steps - warmup) * 32 * 35;
      System.out.printf("%d steps, %.1f ms/step, %.0f tokens/s, RSS at end %d MB%n", steps - warmup,
          1000 * seconds / (steps - warmup), tokens / seconds, rssMb());
    }
  }

  private static long rssMb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }
}
