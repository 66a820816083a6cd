package io.recur.backend.onnx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.recur.backend.onnx.export.OnnxModelBuilder;
import io.recur.backend.onnx.testing.Fixtures;
import io.recur.core.config.FusedMode;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exported models run on ONNX Runtime compute what the model definition computes: logits and
 * final states against the float64 reference, from non-zero initial states, for every built-in
 * cell on ONNX's own operator, for custom cells through {@code Scan}, and for built-in cells
 * forced through {@code Scan} (which proves the gate-order conversion numerically).
 */
class OrtParityTest {
  static final double TOLERANCE = 1e-5;
  static final int VOCAB = 11;
  static final int HIDDEN = 7;
  static final int BATCH = 3;
  static final int STEPS = 9;

  static Stream<Arguments> builtIns() {
    List<Arguments> cases = new ArrayList<>();
    for (String cell : List.of("rnn", "rnn-relu", "lstm", "gru")) {
      for (int embed : new int[] {0, 5}) {
        for (int layers = 1; layers <= 2; layers++) {
          cases.add(Arguments.of(cell, embed, layers));
        }
      }
    }
    return cases.stream();
  }

  static Stream<Arguments> customCells() {
    return Stream.of(Arguments.of("peephole", 0, 1), Arguments.of("peephole", 5, 2), Arguments.of("mgu", 0, 2),
        Arguments.of("mgu", 5, 1));
  }

  @ParameterizedTest(name = "{0}, embed {1}, {2} layer(s)")
  @MethodSource("builtIns")
  void builtInCellsRunOnOnnxOperatorsAndMatchTheReference(String cell, int embed, int layers) {
    ModelSpec spec = spec(cell, embed, layers);
    ModelProto proto = build(spec, FusedMode.AUTO);
    String op = cell.startsWith("rnn") ? "RNN" : cell.toUpperCase(Locale.ROOT);
    assertEquals(layers, count(proto, op), "one " + op + " node per layer");
    assertFalse(opTypes(proto).contains("Scan"));
    assertMatchesReference(spec, proto);
  }

  @ParameterizedTest(name = "{0}, embed {1}, {2} layer(s)")
  @MethodSource("customCells")
  void customCellsExportThroughScanAndMatchTheReference(String cell, int embed, int layers) {
    ModelSpec spec = spec(cell, embed, layers);
    ModelProto proto = build(spec, FusedMode.AUTO);
    assertEquals(layers, count(proto, "Scan"), "one Scan per layer");
    assertMatchesReference(spec, proto);
  }

  @ParameterizedTest(name = "{0}, embed {1}, {2} layer(s)")
  @MethodSource("builtIns")
  void builtInCellsForcedThroughScanMatchTheReference(String cell, int embed, int layers) {
    ModelSpec spec = spec(cell, embed, layers);
    ModelProto proto = build(spec, FusedMode.OFF);
    assertTrue(opTypes(proto).contains("Scan"));
    assertFalse(opTypes(proto).contains("LSTM") || opTypes(proto).contains("GRU") || opTypes(proto).contains("RNN"));
    assertMatchesReference(spec, proto);
  }

  @ParameterizedTest(name = "{0}, embed {1}, {2} layer(s)")
  @MethodSource("builtIns")
  void scanAndOnnxOperatorAgreeOnTheSameWeights(String cell, int embed, int layers) {
    ModelSpec spec = spec(cell, embed, layers);
    ParameterSet params = Fixtures.randomParams(spec, 7);
    int[][] tokens = Fixtures.tokens(BATCH, STEPS, VOCAB, 3);
    float[][] states = Fixtures.randomStates(spec, BATCH, 5);
    OrtModel.Outputs fused = run(new OnnxModelBuilder(Fixtures.cells(), FusedMode.AUTO).build(spec, params, Map.of()), tokens, states);
    OrtModel.Outputs scan = run(new OnnxModelBuilder(Fixtures.cells(), FusedMode.OFF).build(spec, params, Map.of()), tokens, states);
    double diff = Fixtures.maxAbsDiff(fused.outputs(), scan.outputs());
    assertTrue(diff <= TOLERANCE, "ONNX " + cell + " vs Scan: max abs diff " + diff);
    for (int i = 0; i < states.length; i++) {
      assertTrue(Fixtures.maxAbsDiff(fused.states()[i], scan.states()[i]) <= TOLERANCE, "state " + i);
    }
  }

  static ModelSpec spec(String cell, int embed, int layers) {
    return ModelSpec.builder().cell(cell).vocabSize(VOCAB).embed(embed).hidden(HIDDEN).layers(layers).build();
  }

  static ModelProto build(ModelSpec spec, FusedMode mode) {
    return new OnnxModelBuilder(Fixtures.cells(), mode).build(spec, Fixtures.randomParams(spec, 7), Map.of());
  }

  static Set<String> opTypes(ModelProto proto) {
    return proto.getGraph().getNodeList().stream().map(NodeProto::getOpType).collect(Collectors.toSet());
  }

  static long count(ModelProto proto, String opType) {
    return proto.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals(opType)).count();
  }

  private static void assertMatchesReference(ModelSpec spec, ModelProto proto) {
    ParameterSet params = Fixtures.randomParams(spec, 7);
    int[][] tokens = Fixtures.tokens(BATCH, STEPS, VOCAB, 3);
    float[][] states = Fixtures.randomStates(spec, BATCH, 5);
    OrtModel.Outputs out = run(proto, tokens, states);
    Fixtures.Result ref = Fixtures.reference(spec, params, tokens, states);
    double diff = Fixtures.maxAbsDiff(out.outputs(), ref.logits());
    assertTrue(diff <= TOLERANCE, spec + ": logits max abs diff " + diff);
    assertEquals(ref.states().length, out.states().length);
    for (int i = 0; i < states.length; i++) {
      double d = Fixtures.maxAbsDiff(out.states()[i], ref.states()[i]);
      assertTrue(d <= TOLERANCE, spec + ": state " + i + " max abs diff " + d);
    }
  }

  static OrtModel.Outputs run(ModelProto proto, int[][] tokens, float[][] states) {
    try (OrtModel model = OrtModel.open(proto.toByteArray(), "test model", 1)) {
      return model.run(Fixtures.timeMajor(tokens), tokens[0].length, tokens.length, states);
    }
  }
}
