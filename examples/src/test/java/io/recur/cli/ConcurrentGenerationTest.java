package io.recur.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.recur.core.inference.Decoding;
import io.recur.core.inference.Generator;
import io.recur.core.inference.LoadedModel;
import io.recur.core.inference.ModelLoader;
import io.recur.core.inference.Prompt;
import io.recur.core.inference.Sampling;
import io.recur.data.text.TextPipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The load test of issue 4 at the level the command line works at: one model loaded as
 * {@code recur generate} loads it, 8 threads each generating 200 tokens from it at the same time
 * (greedy and sampling, each thread with its own prefix and seed) produce exactly what each
 * produces alone — on ND4J (a checkpoint) and on ONNX Runtime (the exported file).
 */
class ConcurrentGenerationTest {
  private static final int THREADS = 8;
  private static final int LENGTH = 200;
  private static final List<String> PREFIXES = List.of("the time traveller", "it was", "we ", "the machine");

  /** One thread's work: a prefix, a decoding and a seed. */
  private record Job(String prefix, Decoding decoding, long seed) {}

  @ParameterizedTest
  @ValueSource(strings = {"nd4j", "onnx"})
  void eightThreadsOnOneModelGenerateWhatEachGeneratesAlone(String backend) throws Exception {
    Path path = backend.equals("onnx") ? TrainedModels.charsOnnx() : TrainedModels.chars().checkpoint();
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      Decoding d = i % 2 == 0 ? Decoding.greedy() : i == 3 ? Sampling.withTemperature(0.8).withTopK(5) : Sampling.withTemperature(0.8);
      jobs.add(new Job(PREFIXES.get(i / 2), d, 100 + i));
    }
    try (LoadedModel model = new BackendOptions().injector().getInstance(ModelLoader.class).load(path)) {
      assertEquals(backend, model.model().backend());
      Generator generator = new Generator(model.model());
      TextPipeline text = TextPipeline.of(model.text().text());
      List<int[]> alone = new ArrayList<>();
      for (Job job : jobs) {
        alone.add(generate(generator, text, model, job));
      }
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<int[]>> together = new ArrayList<>();
        for (Job job : jobs) {
          together.add(pool.submit(() -> {
            start.await();
            return generate(generator, text, model, job);
          }));
        }
        start.countDown();
        for (int i = 0; i < THREADS; i++) {
          assertArrayEquals(alone.get(i), together.get(i).get(), "thread " + i + " (" + jobs.get(i) + ")");
        }
      } finally {
        pool.shutdownNow();
      }
      assertFalse(Arrays.equals(alone.get(1), alone.get(0)), "sampling is not greedy decoding here, so both kinds are exercised");
    }
  }

  private static int[] generate(Generator generator, TextPipeline text, LoadedModel model, Job job) {
    int[] prefix = Prompt.of(text.tokenizePrefix(job.prefix()), model.text().vocab()).ids();
    int[] tokens = generator.generate(prefix, LENGTH, job.decoding(), job.seed()).tokens();
    assertEquals(LENGTH, tokens.length);
    return tokens;
  }
}
