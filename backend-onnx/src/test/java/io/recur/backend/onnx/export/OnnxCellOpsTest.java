package io.recur.backend.onnx.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.recur.backend.onnx.runtime.OrtRuntime;
import io.recur.backend.onnx.testing.Fixtures;
import io.recur.core.model.FloatArray;
import io.recur.core.ops.CellOps;
import io.recur.core.tensor.Shape;
import io.recur.core.tensor.Tensor;
import io.recur.core.check.ReferenceOps;
import io.recur.core.util.Rng;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Every {@link CellOps} op, recorded by {@link OnnxCellOps} and run on ONNX Runtime, computes
 * what the float64 reference computes — the contract a cell relies on when it is exported.
 */
class OnnxCellOpsTest {
  static final int B = 3;

  /** One op applied to the operands a [B,6], b [B,6], w [4,6], v [6], c [2,B,6]. */
  record Case(String name, BiFunction<CellOps, Map<String, Tensor>, Tensor> op) {}

  static List<Case> cases() {
    return List.of(
        new Case("linear", (o, t) -> o.linear(t.get("a"), t.get("w"))),
        new Case("linear rank 3", (o, t) -> o.linear(t.get("c"), t.get("w"))),
        new Case("add", (o, t) -> o.add(t.get("a"), t.get("b"))),
        new Case("add vector", (o, t) -> o.add(t.get("a"), t.get("v"))),
        new Case("sub", (o, t) -> o.sub(t.get("a"), t.get("b"))),
        new Case("sub vector", (o, t) -> o.sub(t.get("a"), t.get("v"))),
        new Case("mul", (o, t) -> o.mul(t.get("a"), t.get("b"))),
        new Case("mul vector", (o, t) -> o.mul(t.get("c"), t.get("v"))),
        new Case("scale", (o, t) -> o.scale(t.get("a"), -2.5)),
        new Case("oneMinus", (o, t) -> o.oneMinus(t.get("a"))),
        new Case("sigmoid", (o, t) -> o.sigmoid(t.get("a"))),
        new Case("tanh", (o, t) -> o.tanh(t.get("a"))),
        new Case("relu", (o, t) -> o.relu(t.get("a"))),
        new Case("split 0", (o, t) -> o.split(t.get("a"), 3).get(0)),
        new Case("split 2", (o, t) -> o.split(t.get("a"), 3).get(2)),
        new Case("concat", (o, t) -> o.concat(List.of(t.get("a"), o.split(t.get("b"), 2).get(1), t.get("a")))));
  }

  @Test
  void everyOpMatchesTheReferenceOnOnnxRuntime() throws OrtException {
    Rng rng = new Rng(9);
    Map<String, float[]> data = new LinkedHashMap<>();
    data.put("a", random(rng, B * 6));
    data.put("b", random(rng, B * 6));
    data.put("c", random(rng, 2 * B * 6));
    float[] w = random(rng, 24);
    float[] v = random(rng, 6);

    OnnxGraph g = OnnxGraph.root("ops");
    Map<String, Tensor> onnx = new LinkedHashMap<>();
    onnx.put("a", g.input("a", TensorProto.DataType.FLOAT, Dim.BATCH, Dim.of(6)));
    onnx.put("b", g.input("b", TensorProto.DataType.FLOAT, Dim.BATCH, Dim.of(6)));
    onnx.put("c", g.input("c", TensorProto.DataType.FLOAT, Dim.TIME, Dim.BATCH, Dim.of(6)));
    onnx.put("w", g.param("w", new FloatArray(new int[] {4, 6}, w)));
    onnx.put("v", g.param("v", new FloatArray(new int[] {6}, v)));
    Map<String, Tensor> ref = new LinkedHashMap<>();
    ref.put("a", ReferenceOps.of(data.get("a"), B, 6));
    ref.put("b", ReferenceOps.of(data.get("b"), B, 6));
    ref.put("c", ReferenceOps.of(data.get("c"), 2, B, 6));
    ref.put("w", ReferenceOps.of(w, 4, 6));
    ref.put("v", ReferenceOps.of(v, 6));

    OnnxCellOps ops = new OnnxCellOps(g);
    ReferenceOps reference = new ReferenceOps();
    List<double[]> expected = new ArrayList<>();
    for (int i = 0; i < cases().size(); i++) {
      Case c = cases().get(i);
      OnnxRef out = (OnnxRef) c.op().apply(ops, onnx);
      Tensor r = c.op().apply(reference, ref);
      assertEquals(r.shape().rank(), out.shape().rank(), c.name());
      assertEquals(r.shape().last(), out.shape().last(), c.name() + ": tracked width");
      g.output(out, "out" + i, dims(out.shape()));
      expected.add(ReferenceOps.values(r));
    }
    ModelProto model = ModelProto.newBuilder().setIrVersion(OnnxGraph.IR_VERSION)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(OnnxGraph.OPSET)).setGraph(g.build()).build();

    try (OrtSession s = OrtRuntime.environment().createSession(model.toByteArray())) {
      Map<String, OnnxTensor> in = new LinkedHashMap<>();
      in.put("a", tensor(data.get("a"), B, 6));
      in.put("b", tensor(data.get("b"), B, 6));
      in.put("c", tensor(data.get("c"), 2, B, 6));
      try (OrtSession.Result r = s.run(in)) {
        for (int i = 0; i < cases().size(); i++) {
          FloatBuffer fb = ((OnnxTensor) r.get("out" + i).orElseThrow()).getFloatBuffer();
          float[] actual = new float[fb.remaining()];
          fb.get(actual);
          double d = Fixtures.maxAbsDiff(actual, expected.get(i));
          assertTrue(d <= 1e-6, cases().get(i).name() + ": max abs diff " + d);
        }
      } finally {
        in.values().forEach(OnnxTensor::close);
      }
    }
  }

  @Test
  void shapeMistakesFailAtExportTime() {
    OnnxGraph g = OnnxGraph.root("bad");
    OnnxCellOps ops = new OnnxCellOps(g);
    Tensor a = g.input("a", TensorProto.DataType.FLOAT, Dim.BATCH, Dim.of(6));
    Tensor b = g.input("b", TensorProto.DataType.FLOAT, Dim.BATCH, Dim.of(4));
    Tensor w = g.param("w", FloatArray.zeros(3, 5));
    assertMessage(() -> ops.add(a, b), "shapes [?, 6] and [?, 4] must be equal");
    assertMessage(() -> ops.mul(a, g.param("v", FloatArray.zeros(4))), "must be equal");
    assertMessage(() -> ops.linear(a, w), "do not fit");
    assertMessage(() -> ops.split(a, 4), "cannot split the last axis of [?, 6] into 4");
    assertMessage(() -> ops.concat(List.of()), "at least one");
    assertMessage(() -> ops.tanh(ReferenceOps.zeros(1)), "not a value of an ONNX graph");
  }

  private static Dim[] dims(Shape s) {
    Dim[] d = new Dim[s.rank()];
    for (int i = 0; i < d.length; i++) {
      d[i] = s.dim(i) == Shape.UNKNOWN ? Dim.symbol("d" + i) : Dim.of(s.dim(i));
    }
    return d;
  }

  private static float[] random(Rng rng, int n) {
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) (4 * rng.nextDouble() - 2);
    }
    return f;
  }

  private static OnnxTensor tensor(float[] data, long... shape) throws OrtException {
    return OnnxTensor.createTensor(OrtRuntime.environment(), FloatBuffer.wrap(data), shape);
  }

  private static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
  }
}
