package io.recur.examples.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import io.recur.core.backend.TrainingSession;
import io.recur.core.inference.Decoding;
import io.recur.core.inference.Generation;
import io.recur.core.inference.Generator;
import io.recur.core.inference.LoadedModel;
import io.recur.core.inference.ModelLoader;
import io.recur.core.inference.Sampling;
import io.recur.core.inference.Score;
import io.recur.core.inference.Scorer;
import io.recur.core.inference.Softmax;
import io.recur.core.model.ModelSpec;
import io.recur.core.optim.Optimizer;
import io.recur.core.sequence.Batch;
import io.recur.core.sequence.TokenStream;
import io.recur.core.train.Trainer;
import io.recur.core.train.TrainingData;
import io.recur.core.util.Rng;
import io.recur.data.partition.SequentialPartitioner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same trained weights give the same answers on ND4J (the checkpoint) and on ONNX Runtime (the
 * exported {@code .onnx} file), for every built-in cell and a custom one, one-hot and embedding
 * input, one and two layers: logits within 1e-4, greedy generation token for token, perplexity to
 * four significant digits; and ND4J's inference scoring equals the training path's evaluation.
 * The largest differences seen are printed as a table after the run.
 */
class CrossBackendParityTest {
  static final int HIDDEN = 32;
  static final int EMBED = 8;
  static final double LOGIT_TOLERANCE = 1e-4;
  /** Half a unit in the fourth significant digit. */
  static final double FOUR_DIGITS = 5e-5;
  static final String PREFIX = "time traveller ";
  static final int GENERATED = 200;
  static final String EXPORT_DIFF = "export max_abs_diff";
  static final String LOGITS_DIFF = "logits max |Δ|";
  static final String DISTINCT = "greedy: distinct tokens";
  static final String PPL = "ppl (ND4J)";
  static final String PPL_DIFF = "ppl rel |Δ| ORT";
  static final String EVAL_DIFF = "ppl rel |Δ| evaluate";
  static final String SAMPLE = "greedy sample";

  @TempDir
  static Path dir;

  private static final ParityWorld WORLD = new ParityWorld();
  private static final Map<String, ParityCase> CASES = new TreeMap<>();
  private static final Map<String, Map<String, String>> REPORT = new TreeMap<>();

  static Stream<Arguments> models() {
    List<Arguments> cases = new ArrayList<>();
    for (String cell : List.of("rnn", "rnn-relu", "lstm", "gru", "cifg")) {
      for (int embed : new int[] {0, EMBED}) {
        for (int layers = 1; layers <= 2; layers++) {
          cases.add(Arguments.of(cell, embed, layers));
        }
      }
    }
    return cases.stream();
  }

  /** Trains and exports each model once; every test of the class reuses it. */
  static ParityCase model(String cell, int embed, int layers) {
    String name = cell + (embed == 0 ? " one-hot" : " embed " + embed) + ", " + layers + (layers == 1 ? " layer" : " layers");
    return CASES.computeIfAbsent(name, n -> {
      ModelSpec spec = ModelSpec.builder().cell(cell).vocabSize(WORLD.corpus.vocab().size()).embed(embed).hidden(HIDDEN)
          .layers(layers).build();
      try {
        ParityCase c = ParityCase.train(WORLD, n, spec, Files.createDirectories(dir.resolve(n.replaceAll("[^a-z0-9-]+", "_"))));
        report(c, EXPORT_DIFF, "%.2e", c.export.maxAbsDiff().orElseThrow());
        return c;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @ParameterizedTest(name = "{0}, embed {1}, {2} layer(s)")
  @MethodSource("models")
  void theComparedWeightsAreTrainedAndTheExportWasVerified(String cell, int embed, int layers) {
    ParityCase c = model(cell, embed, layers);
    c.initial.forEach((key, before) -> assertNotEquals(before, c.params.get(key), key + " did not move in training"));
    assertEquals(2, c.training.history().size());
    assertTrue(c.export.maxAbsDiff().orElseThrow() <= LOGIT_TOLERANCE);
  }

  @ParameterizedTest(name = "{0}, embed {1}, {2} layer(s)")
  @MethodSource("models")
  void onnxRuntimeLogitsEqualNd4jLogitsAndAgreeOnTheMostLikelyTokenWithStateCarriedAcrossCalls(String cell, int embed, int layers) {
    ParityCase c = model(cell, embed, layers);
    int[][] text = rows(4, 48);
    double max = 0;
    try (InferenceSession nd4j = c.nd4j.model().newSession(4); InferenceSession ort = c.onnx.model().newSession(4)) {
      int from = 0;
      for (int length : new int[] {30, 1, 17}) {
        int[][] call = slice(text, from, length);
        Logits a = nd4j.forward(call);
        Logits b = ort.forward(call);
        assertEquals(a.steps(), b.steps());
        max = Math.max(max, maxAbsDiff(a.data(), b.data()));
        for (int t = 0; t < length; t++) {
          for (int r = 0; r < 4; r++) {
            assertEquals(Softmax.argmax(a.data(), a.offset(t, r), a.vocab()), Softmax.argmax(b.data(), b.offset(t, r), b.vocab()),
                c.spec + ": the most likely next token differs at step " + (from + t) + " of row " + r);
          }
        }
        from += length;
      }
    }
    report(c, LOGITS_DIFF, "%.2e", max);
    assertTrue(max <= LOGIT_TOLERANCE, c.spec + ": ONNX Runtime vs ND4J logits differ by " + max);
  }

  @ParameterizedTest(name = "{0}, embed {1}, {2} layer(s)")
  @MethodSource("models")
  void greedyGenerationFromTheOnnxFileEqualsTheCheckpointTokenForToken(String cell, int embed, int layers) {
    ParityCase c = model(cell, embed, layers);
    Generation nd4j = generate(c.nd4j, Decoding.greedy());
    Generation ort = generate(c.onnx, Decoding.greedy());
    report(c, DISTINCT, "%d", Arrays.stream(nd4j.tokens()).distinct().count());
    report(c, SAMPLE, "'%s'", text(nd4j).substring(0, 32));
    assertArrayEquals(nd4j.tokens(), ort.tokens(), c.spec + ": ND4J generated '" + text(nd4j) + "', ONNX Runtime '" + text(ort) + "'");
  }

  /**
   * Greedy decoding of a small random model often settles into repeating one character, so
   * sampling (same seed, same uniform draws) checks the free-running loop on varied tokens too.
   */
  @ParameterizedTest(name = "{0}, embed {1}, {2} layer(s)")
  @MethodSource("models")
  void seededSamplingFromTheOnnxFileEqualsTheCheckpointTokenForToken(String cell, int embed, int layers) {
    ParityCase c = model(cell, embed, layers);
    Generation nd4j = generate(c.nd4j, Sampling.withTemperature(1));
    Generation ort = generate(c.onnx, Sampling.withTemperature(1));
    assertArrayEquals(nd4j.tokens(), ort.tokens(), c.spec + ": ND4J sampled '" + text(nd4j) + "', ONNX Runtime '" + text(ort) + "'");
    assertTrue(Arrays.stream(nd4j.tokens()).distinct().count() >= 10, "a varied sample: '" + text(nd4j) + "'");
  }

  @ParameterizedTest(name = "{0}, embed {1}, {2} layer(s)")
  @MethodSource("models")
  void perplexityAgreesToFourSignificantDigits(String cell, int embed, int layers) {
    ParityCase c = model(cell, embed, layers);
    Scorer scorer = new Scorer(8, 35);
    Score nd4j = scorer.score(c.nd4j.model(), WORLD.heldOut.toArray());
    Score ort = scorer.score(c.onnx.model(), WORLD.heldOut.toArray());
    double relative = Math.abs(nd4j.perplexity() - ort.perplexity()) / nd4j.perplexity();
    report(c, PPL, "%.6f", nd4j.perplexity());
    report(c, PPL_DIFF, "%.1e", relative);
    assertEquals(nd4j.tokens(), ort.tokens());
    assertTrue(relative <= FOUR_DIGITS, c.spec + ": perplexity " + nd4j.perplexity() + " (ND4J) vs " + ort.perplexity() + " (ORT)");
  }

  @ParameterizedTest(name = "{0}, embed {1}, {2} layer(s)")
  @MethodSource("models")
  void nd4jInferenceScoringEqualsTheTrainingPathsEvaluation(String cell, int embed, int layers) {
    ParityCase c = model(cell, embed, layers);
    SequentialPartitioner scoring = SequentialPartitioner.evaluation();
    List<Batch> batches = scoring.epoch(WORLD.heldOut, ParityCase.TRAINING.batchSize(), ParityCase.TRAINING.steps(), new Rng(0));
    double evaluated;
    try (TrainingSession session = WORLD.backend("nd4j").openTraining(c.spec, c.params, Optimizer.named("sgd"))) {
      evaluated = Math.exp(new Trainer(ParityCase.TRAINING, List.of()).evaluate(session,
          new TokenStream(WORLD.heldOut, scoring, scoring)));
    }
    double scored = new Scorer(ParityCase.TRAINING.batchSize(), ParityCase.TRAINING.steps()).score(c.nd4j.model(), batches).perplexity();
    double relative = Math.abs(scored - evaluated) / evaluated;
    report(c, EVAL_DIFF, "%.1e", relative);
    assertTrue(relative <= 1e-6, c.spec + ": Scorer " + scored + " vs TrainingSession.evaluate " + evaluated);
  }

  @Test
  void theOnnxBackendRunsACheckpointExactlyAsTheExportedFile() {
    ParityCase c = model("gru", EMBED, 2);
    int[][] text = rows(3, 40);
    try (LoadedModel inMemory = WORLD.injector.getInstance(ModelLoader.class).load(c.checkpoint, "onnx");
        InferenceSession a = inMemory.model().newSession(3); InferenceSession b = c.onnx.model().newSession(3)) {
      assertEquals("onnx", inMemory.model().backend());
      assertArrayEquals(b.forward(text).data(), a.forward(text).data(), 0f);
    }
  }

  @AfterAll
  static void printReportAndClose() {
    CASES.values().forEach(ParityCase::close);
    List<String> columns = List.of(EXPORT_DIFF, LOGITS_DIFF, PPL, PPL_DIFF, EVAL_DIFF, DISTINCT, SAMPLE);
    StringBuilder table = new StringBuilder("\nCross-backend parity (ND4J checkpoint vs ONNX Runtime .onnx), H " + HIDDEN + ":\n");
    table.append(String.format("%-26s", "model"));
    columns.forEach(col -> table.append(String.format(" | %s", col)));
    REPORT.forEach((model, row) -> {
      table.append(String.format("%n%-26s", model));
      columns.forEach(col -> table.append(String.format(" | %" + col.length() + "s", row.getOrDefault(col, ""))));
    });
    System.out.println(table);
  }

  private static void report(ParityCase c, String column, String format, Object value) {
    REPORT.computeIfAbsent(c.name, k -> new TreeMap<>()).merge(column, String.format(format, value), (old, v) -> v);
  }

  /** {@code rows} consecutive stretches of held-out text, {@code steps} tokens each. */
  private static int[][] rows(int rows, int steps) {
    int[][] out = new int[rows][];
    for (int r = 0; r < rows; r++) {
      out[r] = WORLD.heldOut.slice(r * 500, r * 500 + steps).toArray();
    }
    return out;
  }

  private static int[][] slice(int[][] rows, int from, int length) {
    return Arrays.stream(rows).map(r -> Arrays.copyOfRange(r, from, from + length)).toArray(int[][]::new);
  }

  private static double maxAbsDiff(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs((double) a[i] - b[i])); // a NaN stays NaN and fails the comparison
    }
    return max;
  }

  private static Generation generate(LoadedModel model, Decoding decoding) {
    return new Generator(model.model()).generate(WORLD.encode(PREFIX), GENERATED, decoding, 11);
  }

  private static String text(Generation g) {
    return String.join("", WORLD.corpus.vocab().tokensOf(g.tokens()));
  }
}
