package io.recur.examples.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.backend.onnx.ExportReport;
import io.recur.backend.onnx.OnnxExporter;
import io.recur.backend.onnx.Verification;
import io.recur.core.backend.InferenceSession;
import io.recur.core.cell.CellRegistry;
import io.recur.core.checkpoint.Checkpoint;
import io.recur.core.checkpoint.CheckpointStore;
import io.recur.core.checkpoint.TrainingJob;
import io.recur.core.inference.LoadedModel;
import io.recur.core.inference.ModelLoader;
import io.recur.core.inference.Scorer;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.ops.Initializers;
import io.recur.core.sequence.TextData;
import io.recur.core.train.EpochReport;
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingData;
import io.recur.data.partition.SequentialPartitioner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on TensorFlow as a user runs it, through core's {@link TrainingJob}: a custom cell
 * trains with no TensorFlow code of its own and follows ND4J's run; checkpoints move between the
 * backends mid-run and the resumed runs follow the uninterrupted ones; a TensorFlow-trained model
 * scores the same on ND4J and exports to ONNX.
 */
class TensorFlowTrainingTest {
  private static final ParityWorld WORLD = new ParityWorld();
  private static final TextData TEXT = new TextData(WORLD.corpus.spec(), WORLD.corpus.vocab());
  /** Relative difference allowed between held-out perplexities of the same run on the two backends. */
  static final double RUN_TOLERANCE = 1e-3;

  private static TrainingData data(TrainingConfig config, int batches) {
    int tokens = batches * config.batchSize() * config.steps() + config.steps() + 1;
    return TrainingData.text(WORLD.train.slice(0, tokens), Optional.of(WORLD.heldOut), SequentialPartitioner.training(),
        SequentialPartitioner.evaluation());
  }

  private static List<EpochReport> fresh(String backend, ModelSpec spec, TrainingConfig config, TrainingData data, Path out) {
    TrainingJob job = TrainingJob.start(new LanguageModel(spec, WORLD.injector.getInstance(CellRegistry.class)), TEXT, config);
    return job.checkpointTo(out).run(WORLD.backend(backend), data).history();
  }

  private static void assertSameRun(List<EpochReport> expected, List<EpochReport> actual, String what) {
    assertEquals(expected.size(), actual.size(), what);
    for (int i = 0; i < expected.size(); i++) {
      double e = expected.get(i).validationMetric();
      double a = actual.get(i).validationMetric();
      System.out.printf("%s, epoch %d: held-out ppl %.5f vs %.5f (relative %.1e)%n", what, i + 1, e, a, Math.abs(a - e) / e);
      assertEquals(e, a, RUN_TOLERANCE * e, what + ", epoch " + (i + 1));
    }
  }

  @Test
  void aCustomCellTrainsOnTensorFlowAsOnNd4j(@TempDir Path dir) {
    ModelSpec spec = ModelSpec.builder().cell("cifg").vocabSize(WORLD.corpus.vocab().size()).hidden(32).layers(2).build();
    TrainingConfig config = new TrainingConfig(3, 16, 20, "sequential", "sgd", 1.0, 1.0, 1.0, 0, Initializers.Scheme.XAVIER, 5);
    TrainingData data = data(config, 10);
    List<EpochReport> tf = fresh("tensorflow", spec, config, data, dir.resolve("tf"));
    assertTrue(tf.get(2).trainMetric() < tf.get(0).trainMetric(), "training lowers the loss: " + tf);
    assertTrue(tf.get(2).validationMetric() < 0.8 * spec.vocabSize(), "held-out perplexity well below uniform: " + tf);
    assertSameRun(fresh("nd4j", spec, config, data, dir.resolve("nd4j")), tf, "CIFG, ND4J vs TensorFlow");
  }

  @Test
  void checkpointsMoveBetweenBackendsMidRun(@TempDir Path dir) throws IOException {
    ModelSpec spec = ModelSpec.builder().cell("lstm").vocabSize(WORLD.corpus.vocab().size()).embed(8).hidden(32).build();
    TrainingConfig four = new TrainingConfig(4, 16, 20, "sequential", "adam", 0.01, 1.0, 1.0, 0, Initializers.Scheme.XAVIER, 9);
    TrainingData data = data(four, 6);
    for (String[] order : new String[][] {{"nd4j", "tensorflow"}, {"tensorflow", "nd4j"}}) {
      String first = order[0];
      String then = order[1];
      List<EpochReport> uninterrupted = fresh(first, spec, four, data, dir.resolve(first + "-whole"));
      Path half = dir.resolve(first + "-then-" + then);
      fresh(first, spec, four.withEpochs(2), data, half);
      List<EpochReport> resumed = TrainingJob.resume(half, 4).run(WORLD.backend(then), data).history();
      assertSameRun(uninterrupted, resumed, "2 epochs on " + first + ", resumed on " + then);
    }
    scoresTheSameOnNd4jAndExportsToOnnx(dir.resolve("tensorflow-whole"), dir.resolve("model.onnx"));
  }

  /** A checkpoint trained on TensorFlow: held-out perplexity on ND4J to four digits, and a verified ONNX export from TensorFlow's logits. */
  private static void scoresTheSameOnNd4jAndExportsToOnnx(Path checkpoint, Path onnx) throws IOException {
    ModelLoader loader = WORLD.injector.getInstance(ModelLoader.class);
    Scorer scorer = new Scorer(8, 20);
    try (LoadedModel tf = loader.load(checkpoint, "tensorflow"); LoadedModel nd4j = loader.load(checkpoint, "nd4j")) {
      double onTf = scorer.score(tf.model(), WORLD.heldOut.toArray()).perplexity();
      double onNd4j = scorer.score(nd4j.model(), WORLD.heldOut.toArray()).perplexity();
      System.out.printf("TensorFlow-trained LSTM: held-out ppl %.6f on TensorFlow, %.6f on ND4J%n", onTf, onNd4j);
      assertEquals(onTf, onNd4j, CrossBackendParityTest.FOUR_DIGITS * onTf);
      Checkpoint saved = CheckpointStore.read(checkpoint);
      ExportReport report = WORLD.injector.getInstance(OnnxExporter.class).export(saved.spec(), saved.text().text(),
          saved.text().vocab(), saved.params(), onnx, probe -> {
            try (InferenceSession s = tf.model().newSession(probe.length)) {
              return s.forward(probe);
            }
          }, Verification.standard());
      System.out.printf("ONNX export of the TensorFlow-trained LSTM: max_abs_diff %.2e%n", report.maxAbsDiff().orElseThrow());
      assertTrue(report.maxAbsDiff().orElseThrow() <= CrossBackendParityTest.LOGIT_TOLERANCE);
    }
  }
}
