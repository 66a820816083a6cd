package io.recur.examples.parity;

import io.recur.backend.onnx.ExportReport;
import io.recur.backend.onnx.OnnxExporter;
import io.recur.backend.onnx.Verification;
import io.recur.core.backend.Backend;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.TrainingSession;
import io.recur.core.cell.CellRegistry;
import io.recur.core.checkpoint.Checkpoint;
import io.recur.core.checkpoint.CheckpointListener;
import io.recur.core.checkpoint.CheckpointStore;
import io.recur.core.checkpoint.Provenance;
import io.recur.core.inference.LoadedModel;
import io.recur.core.inference.ModelLoader;
import io.recur.core.cell.ParamSpec;
import io.recur.core.model.FloatArray;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.sequence.TextData;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.ops.Initializers;
import io.recur.core.util.Rng;
import io.recur.core.optim.Optimizer;
import io.recur.core.train.Trainer;
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingData;
import io.recur.core.train.TrainingResult;
import io.recur.data.partition.SequentialPartitioner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One model as a user gets it: initialised (see {@link #initial}), trained for a few SGD steps on
 * ND4J by core's {@link Trainer} (so the weights are not at their initial values), saved by the
 * checkpoint listener, exported from the checkpoint to {@code .onnx} with verification, and opened through
 * {@link ModelLoader} twice: the checkpoint on ND4J and the {@code .onnx} file on ONNX Runtime.
 */
final class ParityCase implements AutoCloseable {
  /**
   * Two epochs of 2 minibatches of 16 × 20: 4 SGD steps, lr 0.1, clip 1 — enough to move every
   * parameter, little enough to keep the widely spread logits of the high-gain initialisation.
   */
  static final TrainingConfig TRAINING = new TrainingConfig(2, 16, 20, "sequential", "sgd", 0.1, 1.0, 1.0, 0,
      Initializers.Scheme.XAVIER, 3);

  final String name;
  final ModelSpec spec;
  final ParameterSet initial;
  final ParameterSet params;
  final TrainingResult training;
  final Path checkpoint;
  final ExportReport export;
  final LoadedModel nd4j;
  final LoadedModel onnx;

  private ParityCase(String name, ModelSpec spec, ParameterSet initial, ParameterSet params, TrainingResult training,
      Path checkpoint, ExportReport export, LoadedModel nd4j, LoadedModel onnx) {
    this.name = name;
    this.spec = spec;
    this.initial = initial;
    this.params = params;
    this.training = training;
    this.checkpoint = checkpoint;
    this.export = export;
    this.nd4j = nd4j;
    this.onnx = onnx;
  }

  static ParityCase train(ParityWorld world, String name, ModelSpec spec, Path dir) throws IOException {
    Backend nd4j = world.backend("nd4j");
    ParameterSet initial = initial(new LanguageModel(spec, world.injector.getInstance(CellRegistry.class)), TRAINING.seed());
    Path checkpoint = dir.resolve("checkpoint");
    int tokens = 2 * TRAINING.batchSize() * TRAINING.steps() + TRAINING.steps() + 1;
    TrainingData data = TrainingData.text(world.train.slice(0, tokens), Optional.empty(), SequentialPartitioner.training(),
        SequentialPartitioner.evaluation());
    CheckpointListener saver = new CheckpointListener(checkpoint, spec, new TextData(world.corpus.spec(), world.corpus.vocab()),
        Provenance.now(nd4j.name(), nd4j.describe()));
    TrainingResult result;
    ParameterSet trained;
    try (TrainingSession session = nd4j.openTraining(spec, initial, Optimizer.named(TRAINING.optimizer()))) {
      result = new Trainer(TRAINING, List.of(saver)).fit(session, data);
      trained = session.parameters();
    }
    Checkpoint saved = CheckpointStore.read(checkpoint);
    ModelLoader loader = world.injector.getInstance(ModelLoader.class);
    LoadedModel onNd4j = loader.load(checkpoint, "nd4j");
    Path onnxFile = dir.resolve("model.onnx");
    ExportReport report = world.injector.getInstance(OnnxExporter.class).export(saved.spec(), saved.text().text(), saved.text().vocab(),
        saved.params(), onnxFile, probe -> {
          try (InferenceSession s = onNd4j.model().newSession(probe.length)) {
            return s.forward(probe);
          }
        }, Verification.standard());
    return new ParityCase(name, spec, initial, trained, result, checkpoint, report, onNd4j, loader.load(onnxFile));
  }

  /**
   * Parameters with every value non-zero and a high gain, so that biases in the wrong place change
   * the numbers and the logits depend strongly on the input and the state (a barely trained model
   * at the usual scale gives nearly equal logits and greedily emits the most frequent character
   * forever): weights uniform in ±2/√fan_in, vectors uniform in ±0.5.
   */
  static ParameterSet initial(LanguageModel model, long seed) {
    Rng rng = new Rng(seed);
    Map<ParamKey, FloatArray> values = new LinkedHashMap<>();
    model.parameters().forEach((key, p) -> {
      Rng r = rng.fork(key.toString());
      int[] shape = p.shape();
      double limit = p.role() == ParamSpec.Role.WEIGHT && shape.length == 2 ? 2 / Math.sqrt(shape[1]) : 0.5;
      float[] data = new float[p.size()];
      for (int i = 0; i < data.length; i++) {
        data[i] = (float) ((2 * r.nextDouble() - 1) * limit);
      }
      values.put(key, new FloatArray(shape, data));
    });
    return new ParameterSet(values);
  }

  @Override
  public void close() {
    nd4j.close();
    onnx.close();
  }
}
