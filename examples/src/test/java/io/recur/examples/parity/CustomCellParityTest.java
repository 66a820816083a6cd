package io.recur.examples.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.recur.backend.onnx.OnnxExporter;
import io.recur.core.backend.Backend;
import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.TrainingSession;
import io.recur.core.cell.CellRegistry;
import io.recur.core.inference.LoadedModel;
import io.recur.core.inference.ModelLoader;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.ops.Initializers;
import io.recur.core.optim.Optimizer;
import io.recur.core.train.EpochReport;
import io.recur.core.train.Trainer;
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingData;
import io.recur.core.train.TrainingResult;
import io.recur.data.partition.SequentialPartitioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cell the backends have never heard of ({@link CifgCell}, registered by a user module through
 * Guice) trains on ND4J with no backend code of its own, and its export runs the cell's step as
 * the body of an ONNX {@code Scan}, computing what ND4J computes.
 */
class CustomCellParityTest {
  private static final ParityWorld WORLD = new ParityWorld();

  @Test
  void aCustomCellTrainsOnNd4jAndExportsThroughScanWithTheSameLogits(@TempDir Path dir) throws Exception {
    ModelSpec spec = ModelSpec.builder().cell("cifg").vocabSize(WORLD.corpus.vocab().size()).hidden(48).layers(2).build();
    TrainingConfig config = new TrainingConfig(3, 16, 20, "sequential", "sgd", 1.0, 1.0, 1.0, 0, Initializers.Scheme.XAVIER, 5);
    int tokens = 12 * config.batchSize() * config.steps() + config.steps() + 1;
    TrainingData data = TrainingData.text(WORLD.train.slice(0, tokens), Optional.of(WORLD.heldOut),
        SequentialPartitioner.training(), SequentialPartitioner.evaluation());
    Backend nd4j = WORLD.backend("nd4j");
    ParameterSet initial = new LanguageModel(spec, WORLD.injector.getInstance(CellRegistry.class)).initialize(config.init(), 5);
    TrainingResult result;
    ParameterSet trained;
    try (TrainingSession session = nd4j.openTraining(spec, initial, Optimizer.named("sgd"))) {
      result = new Trainer(config, List.of()).fit(session, data);
      trained = session.parameters();
    }
    List<EpochReport> epochs = result.history();
    assertTrue(epochs.get(2).trainMetric() < epochs.get(0).trainMetric(), "training lowers the loss: " + epochs);
    assertTrue(epochs.get(2).validationMetric() < 0.8 * spec.vocabSize(),
        "held-out perplexity well below the uniform model's " + spec.vocabSize() + ": " + epochs);

    Path file = dir.resolve("cifg.onnx");
    byte[] bytes = WORLD.injector.getInstance(OnnxExporter.class).toBytes(spec, WORLD.corpus.spec(), WORLD.corpus.vocab(), trained);
    Files.write(file, bytes);
    GraphProto graph = ModelProto.parseFrom(bytes).getGraph();
    assertEquals(2, graph.getNodeList().stream().filter(n -> n.getOpType().equals("Scan")).count(), "one Scan per layer");
    assertTrue(opTypes(graph).stream().noneMatch(Set.of("LSTM", "GRU", "RNN")::contains), "no built-in operator: " + opTypes(graph));
    NodeProto scan = graph.getNodeList().stream().filter(n -> n.getOpType().equals("Scan")).findFirst().orElseThrow();
    Set<String> body = opTypes(scan.getAttributeList().stream().filter(a -> a.getName().equals("body")).findFirst().orElseThrow().getG());
    assertTrue(body.containsAll(Set.of("Split", "Sigmoid", "Tanh", "Mul", "Sub")), "the cell's step as the body: " + body);

    int[][] text = {WORLD.heldOut.slice(0, 60).toArray(), WORLD.heldOut.slice(900, 960).toArray()};
    try (InferenceModel onNd4j = nd4j.openInference(spec, trained);
        LoadedModel onOrt = WORLD.injector.getInstance(ModelLoader.class).load(file);
        InferenceSession a = onNd4j.newSession(2); InferenceSession b = onOrt.model().newSession(2)) {
      float[] expected = a.forward(text).data();
      float[] actual = b.forward(text).data();
      double max = 0;
      for (int i = 0; i < expected.length; i++) {
        max = Math.max(max, Math.abs((double) expected[i] - actual[i]));
      }
      System.out.printf("custom cell (CIFG, H %d, 2 layers, 3 epochs): held-out ppl %.3f, ORT vs ND4J logits max |Δ| %.2e%n",
          spec.hidden(), epochs.get(2).validationMetric(), max);
      assertTrue(max <= CrossBackendParityTest.LOGIT_TOLERANCE, "ONNX Runtime (Scan) vs ND4J logits differ by " + max);
    }
  }

  private static Set<String> opTypes(GraphProto graph) {
    return graph.getNodeList().stream().map(NodeProto::getOpType).collect(Collectors.toSet());
  }
}
