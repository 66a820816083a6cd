package io.recur.backend.onnx.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.recur.backend.onnx.testing.Fixtures;
import io.recur.core.cell.State;
import io.recur.core.config.FusedMode;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.tensor.Tensor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The structure of exported graphs: which nodes the model's ops become. */
class OnnxOpsTest {
  static ModelProto build(ModelSpec spec, FusedMode mode) {
    return new OnnxModelBuilder(Fixtures.cells(), mode).build(spec, Fixtures.randomParams(spec, 1), Map.of());
  }

  static List<NodeProto> nodes(GraphProto g, String opType) {
    return g.getNodeList().stream().filter(n -> n.getOpType().equals(opType)).toList();
  }

  @Test
  void oneHotInputIsAOneHotNodeWithoutAVocabularySquaredTable() {
    ModelProto m = build(ModelSpec.builder().cell("rnn").vocabSize(50).hidden(4).build(), FusedMode.AUTO);
    assertEquals(1, nodes(m.getGraph(), "OneHot").size());
    assertTrue(m.getGraph().getInitializerList().stream().allMatch(t -> t.getDimsList().stream()
        .mapToLong(Long::longValue).reduce(1, (a, b) -> a * b) < 50 * 50), "no [V, V] initializer");
  }

  @Test
  void embeddingInputGathersRowsOfTheTable() {
    ModelProto m = build(ModelSpec.builder().cell("rnn").vocabSize(50).embed(3).hidden(4).build(), FusedMode.AUTO);
    NodeProto gather = nodes(m.getGraph(), "Gather").get(0);
    assertEquals(List.of("embedding.weight", "tokens"), gather.getInputList());
  }

  @Test
  void theSignatureIsTheGraphsInputsAndOutputs() {
    ModelProto m = build(ModelSpec.builder().cell("lstm").vocabSize(6).hidden(4).layers(2).build(), FusedMode.AUTO);
    List<String> in = m.getGraph().getInputList().stream().map(ValueInfoProto::getName).toList();
    List<String> out = m.getGraph().getOutputList().stream().map(ValueInfoProto::getName).toList();
    assertEquals(List.of("tokens", "state_in.layer0.h", "state_in.layer0.c", "state_in.layer1.h", "state_in.layer1.c"), in);
    assertEquals(List.of("logits", "state_out.layer0.h", "state_out.layer0.c", "state_out.layer1.h", "state_out.layer1.c"), out);
    assertEquals(TensorProto.DataType.INT64_VALUE, m.getGraph().getInput(0).getType().getTensorType().getElemType());
  }

  @Test
  void aScanBodyHasPrefixedNamesUsesOuterInitializersAndSeparatesStateFromOutput() {
    ModelProto m = build(ModelSpec.builder().cell("lstm").vocabSize(6).hidden(4).build(), FusedMode.OFF);
    NodeProto scan = nodes(m.getGraph(), "Scan").get(0);
    AttributeProto numScanInputs = scan.getAttributeList().stream().filter(a -> a.getName().equals("num_scan_inputs"))
        .findFirst().orElseThrow();
    assertEquals(1, numScanInputs.getI());
    GraphProto body = scan.getAttributeList().stream().filter(a -> a.getName().equals("body")).findFirst().orElseThrow().getG();
    assertEquals(List.of("layer0.scan/state.h", "layer0.scan/state.c", "layer0.scan/x"),
        body.getInputList().stream().map(ValueInfoProto::getName).toList());
    assertTrue(body.getNodeList().stream().flatMap(n -> n.getOutputList().stream()).allMatch(o -> o.startsWith("layer0.scan/")));
    assertEquals(0, body.getInitializerCount());
    assertTrue(body.getNodeList().stream().flatMap(n -> n.getInputList().stream()).anyMatch("layer0.W_x"::equals));
    assertEquals(3, body.getOutputCount(), "h, c, then y");
    assertEquals(1, nodes(body, "Identity").size(), "y is h: one Identity separates the scan output from the state");
  }

  @Test
  void builtInCellsUseTheirOperatorUnderAutoAndScanUnderOff() {
    for (String cell : List.of("rnn", "rnn-relu", "lstm", "gru")) {
      ModelSpec spec = ModelSpec.builder().cell(cell).vocabSize(6).hidden(4).build();
      String op = cell.startsWith("rnn") ? "RNN" : cell.toUpperCase(Locale.ROOT);
      assertEquals(1, nodes(build(spec, FusedMode.AUTO).getGraph(), op).size(), cell);
      assertEquals(1, nodes(build(spec, FusedMode.ON).getGraph(), op).size(), cell);
      assertEquals(1, nodes(build(spec, FusedMode.OFF).getGraph(), "Scan").size(), cell);
    }
    NodeProto relu = nodes(build(ModelSpec.builder().cell("rnn-relu").vocabSize(6).hidden(4).build(), FusedMode.AUTO)
        .getGraph(), "RNN").get(0);
    assertEquals("Relu", relu.getAttributeList().stream().filter(a -> a.getName().equals("activations")).findFirst()
        .orElseThrow().getStrings(0).toStringUtf8());
  }

  @Test
  void trainingTimeOpsAreRefused() {
    ModelSpec spec = ModelSpec.builder().cell("rnn").vocabSize(6).embed(2).hidden(4).dropout(0.5).build();
    LanguageModel model = new LanguageModel(spec, Fixtures.cells());
    OnnxGraph g = OnnxGraph.root("t");
    OnnxOps ops = new OnnxOps(g, FusedMode.AUTO);
    Tensor tokens = g.input("tokens", TensorProto.DataType.INT64, Dim.TIME, Dim.BATCH);
    List<State> states = List.of(State.of(g.input("h", TensorProto.DataType.FLOAT, Dim.BATCH, Dim.of(4))));
    ParameterSet params = Fixtures.randomParams(spec, 1);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> model.forward(ops, k -> g.param(k.toString(), params.get(k)), tokens, states, true));
    assertTrue(e.getMessage().contains("inference graph"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> ops.softmaxCrossEntropy(tokens, tokens));
  }
}
