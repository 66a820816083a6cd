package io.recur.backend.onnx.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.recur.core.model.FloatArray;
import io.recur.core.tensor.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The graph builder hands out unique names, checks nodes against OnnxOp, and stores initializers once. */
class OnnxGraphTest {
  private final OnnxGraph g = OnnxGraph.root("test");

  @Test
  void inputsCarrySymbolicAndFixedDimensions() {
    OnnxRef.Value x = g.input("x", TensorProto.DataType.INT64, Dim.TIME, Dim.BATCH, Dim.of(3));
    assertEquals(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 3), x.shape());
    ValueInfoProto info = g.build().getInput(0);
    assertEquals(TensorProto.DataType.INT64_VALUE, info.getType().getTensorType().getElemType());
    List<TensorShapeProto.Dimension> dims = info.getType().getTensorType().getShape().getDimList();
    assertEquals("time", dims.get(0).getDimParam());
    assertEquals("batch", dims.get(1).getDimParam());
    assertEquals(3, dims.get(2).getDimValue());
  }

  @Test
  void everyValueGetsAUniqueName() {
    OnnxRef a = g.input("a", TensorProto.DataType.FLOAT, Dim.of(4));
    Set<String> names = new HashSet<>(List.of(a.name()));
    for (int i = 0; i < 20; i++) {
      assertTrue(names.add(g.op(OnnxOp.TANH, a.shape(), List.of(a)).name()));
    }
    assertThrows(IllegalArgumentException.class, () -> g.input("a", TensorProto.DataType.FLOAT, Dim.of(4)));
  }

  @Test
  void nodesAreCheckedAgainstTheOperatorTable() {
    OnnxRef a = g.input("a", TensorProto.DataType.FLOAT, Dim.of(4));
    assertMessage(() -> g.op(OnnxOp.ADD, a.shape(), List.of(a)), "Add takes 2 inputs, got 1");
    assertMessage(() -> g.op(OnnxOp.CONCAT, a.shape(), List.of(a, a)), "Concat needs attribute 'axis'");
    assertMessage(() -> g.op(OnnxOp.CONCAT, a.shape(), List.of(a, a), Attrs.f("axis", 1)), "'axis' must be INT, got FLOAT");
    assertMessage(() -> g.op(OnnxOp.TANH, a.shape(), List.of(a), Attrs.i("alpha", 1)), "Tanh has no attribute 'alpha'");
    assertMessage(() -> g.node(OnnxOp.LSTM, List.of(a, a, a), List.of(a.shape(), a.shape(), a.shape(), a.shape()),
        Attrs.i("hidden_size", 1)), "LSTM has 0 to 3 outputs, asked for 4");
  }

  @Test
  void parametersBecomeInitializersOnFirstUseOnlyOnce() {
    OnnxRef.Param w = g.param("layer0.W", new FloatArray(new int[] {2, 2}, new float[] {1, 2, 3, 4}));
    OnnxRef.Param unused = g.param("layer0.unused", FloatArray.zeros(3));
    assertEquals(0, g.build().getInitializerCount());
    g.op(OnnxOp.ADD, w.shape(), List.of(w, w));
    g.op(OnnxOp.TANH, w.shape(), List.of(w));
    GraphProto p = g.build();
    assertEquals(1, p.getInitializerCount());
    TensorProto t = p.getInitializer(0);
    assertEquals("layer0.W", t.getName());
    assertEquals(List.of(2L, 2L), t.getDimsList());
    ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(4f, raw.getFloat(12));
    assertTrue(p.getInitializerList().stream().noneMatch(i -> i.getName().equals(unused.name())));
    OnnxRef.Param clash = g.param("layer0.W", FloatArray.zeros(2, 2));
    assertMessage(() -> g.op(OnnxOp.TANH, clash.shape(), List.of(clash)), "two different initializers are named 'layer0.W'");
  }

  @Test
  void equalConstantsAreShared() {
    assertEquals(g.scalar(1f).name(), g.scalar(1f).name());
    assertEquals(g.int64s(0, 1).name(), g.int64s(0, 1).name());
    assertTrue(!g.scalar(1f).name().equals(g.scalar(2f).name()));
  }

  @Test
  void bodyNamesCarryTheirPrefixAndBodyInitializersLiveInTheRoot() {
    OnnxGraph body = g.subgraph("layer0.scan/");
    OnnxRef.Value x = body.input("x", TensorProto.DataType.FLOAT, Dim.BATCH, Dim.of(2));
    assertEquals("layer0.scan/x", x.name());
    OnnxRef.Param w = g.param("layer0.W", FloatArray.zeros(2, 2));
    OnnxRef y = body.op(OnnxOp.GEMM, Shape.of(Shape.UNKNOWN, 2), List.of(x, w), Attrs.i("transB", 1));
    assertTrue(y.name().startsWith("layer0.scan/"), y.name());
    body.output(y);
    body.output(y);
    body.output(x);
    GraphProto b = body.build();
    assertEquals(0, b.getInitializerCount());
    assertEquals(1, g.build().getInitializerCount());
    assertEquals(3, b.getOutputCount());
    assertEquals(y.name(), b.getOutput(0).getName());
    List<String> identities = b.getNodeList().stream().filter(n -> n.getOpType().equals("Identity"))
        .map(n -> n.getInput(0)).toList();
    assertEquals(List.of(y.name(), x.name()), identities, "a repeated output and an input go through Identity");
  }

  @Test
  void namedOutputsGoThroughIdentity() {
    OnnxRef a = g.input("a", TensorProto.DataType.FLOAT, Dim.BATCH);
    g.output(g.op(OnnxOp.TANH, a.shape(), List.of(a)), "logits", Dim.BATCH);
    GraphProto p = g.build();
    assertEquals("logits", p.getOutput(0).getName());
    NodeProto last = p.getNode(p.getNodeCount() - 1);
    assertEquals("Identity", last.getOpType());
    assertEquals("logits", last.getOutput(0));
  }

  private static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
  }
}
