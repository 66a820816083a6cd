package io.recur.backend.onnx.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import io.recur.core.model.FloatArray;
import io.recur.core.tensor.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One ONNX graph under construction — the model's main graph or a {@code Scan} body — owning
 * its {@link GraphProto}. It hands out unique names, declares inputs and outputs, and adds
 * nodes checked against {@link OnnxOp}. A body shares its root's name space and initializers:
 * every name a body declares carries the body's prefix, and initializers a body uses are stored
 * in the root and referenced from the body by name (ONNX outer scope). Not thread-safe.
 */
public final class OnnxGraph {
  /** The ONNX operator set Recur's models are stamped with; see {@link OnnxOp} for each operator's version. */
  public static final int OPSET = 17;
  /** The ONNX IR version matching {@link #OPSET} (ONNX 1.10–1.12 era; ONNX Runtime ≥ 1.13 loads it). */
  public static final long IR_VERSION = 8;

  private final Shared shared;
  private final GraphProto.Builder proto;
  private final String prefix;
  private final Set<String> nodeOutputs = new HashSet<>();
  private final Set<String> outputs = new HashSet<>();

  /** State common to a root graph and its bodies. */
  private static final class Shared {
    final Set<String> names = new HashSet<>();
    final Map<String, FloatArray> initializers = new HashMap<>();
    final Map<String, OnnxRef> constants = new HashMap<>();
    GraphProto.Builder root;
    long counter;
  }

  private OnnxGraph(Shared shared, GraphProto.Builder proto, String prefix) {
    this.shared = shared;
    this.proto = proto;
    this.prefix = prefix;
  }

  /** A new main graph. */
  public static OnnxGraph root(String name) {
    Shared s = new Shared();
    GraphProto.Builder p = GraphProto.newBuilder().setName(name);
    s.root = p;
    return new OnnxGraph(s, p, "");
  }

  /** A body graph (for {@code Scan}) whose names all start with {@code prefix}. */
  public OnnxGraph subgraph(String prefix) {
    if (prefix.isEmpty()) {
      throw new IllegalArgumentException("a body graph needs a name prefix of its own");
    }
    return new OnnxGraph(shared, GraphProto.newBuilder().setName(this.prefix + prefix + "body"), this.prefix + prefix);
  }

  /** Declares an input of this graph; in a body the name gets the body's prefix. */
  public OnnxRef.Value input(String name, TensorProto.DataType type, Dim... dims) {
    String full = reserve(prefix + name);
    proto.addInput(valueInfo(full, type, dims));
    return new OnnxRef.Value(full, shapeOf(dims));
  }

  /** Declares {@code value} as a float output named {@code name} (through an {@code Identity} node). */
  public void output(OnnxRef value, String name, Dim... dims) {
    OnnxRef.Value named = emit(OnnxOp.IDENTITY, List.of(value), List.of(prefix + name), List.of(value.shape()), List.of()).get(0);
    outputs.add(named.name());
    proto.addOutput(valueInfo(named.name(), TensorProto.DataType.FLOAT, dims));
  }

  /**
   * Declares {@code value} as the next float output of a body graph, of unknown leading
   * dimensions. A value that is not a fresh node output of this graph (an input, an outer-scope
   * value, or one already declared) goes through an {@code Identity} node, as ONNX requires.
   */
  public void output(OnnxRef value) {
    OnnxRef out = value;
    if (!nodeOutputs.contains(value.name()) || outputs.contains(value.name())) {
      out = op(OnnxOp.IDENTITY, value.shape(), List.of(value));
    }
    outputs.add(out.name());
    long[] d = out.shape().dims();
    Dim[] dims = new Dim[d.length];
    for (int i = 0; i < d.length; i++) {
      dims[i] = d[i] == Shape.UNKNOWN ? null : Dim.of(d[i]);
    }
    proto.addOutput(valueInfo(out.name(), TensorProto.DataType.FLOAT, dims));
  }

  /** A model parameter: added as an initializer when a node first uses it. */
  public OnnxRef.Param param(String name, FloatArray data) {
    return new OnnxRef.Param(name, data);
  }

  /** A float constant (an initializer, shared by equal constants). */
  public OnnxRef.Param constant(FloatArray data) {
    String key = "f" + Arrays.toString(data.shape()) + Arrays.toString(data.data());
    return (OnnxRef.Param) shared.constants.computeIfAbsent(key, k -> {
      OnnxRef.Param p = new OnnxRef.Param(unused("", "const"), data);
      register(p);
      return p;
    });
  }

  /** A float scalar constant. */
  public OnnxRef.Param scalar(float value) {
    return constant(new FloatArray(new int[0], new float[] {value}));
  }

  /** An int64 vector constant {@code [values.length]} (axes, depths). */
  public OnnxRef.Value int64s(long... values) {
    String key = "i" + Arrays.toString(values);
    return (OnnxRef.Value) shared.constants.computeIfAbsent(key, k -> {
      String name = reserve(unused("", "const"));
      shared.root.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
          .addDims(values.length).setRawData(raw(values)));
      return new OnnxRef.Value(name, Shape.of(values.length));
    });
  }

  /** Adds a node with one output of the given shape. */
  public OnnxRef.Value op(OnnxOp op, Shape out, List<? extends OnnxRef> inputs, AttributeProto... attributes) {
    return node(op, inputs, List.of(out), attributes).get(0);
  }

  /** Adds a node; its outputs get fresh names and the given shapes. Node outputs are float32. */
  public List<OnnxRef.Value> node(OnnxOp op, List<? extends OnnxRef> inputs, List<Shape> outputShapes,
      AttributeProto... attributes) {
    String base = op.opType().toLowerCase(Locale.ROOT);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < outputShapes.size(); i++) {
      names.add(unused(prefix, base));
    }
    return emit(op, inputs, names, outputShapes, List.of(attributes));
  }

  private List<OnnxRef.Value> emit(OnnxOp op, List<? extends OnnxRef> inputs, List<String> outputNames, List<Shape> shapes,
      List<AttributeProto> attributes) {
    op.check(inputs.size(), outputNames.size(), attributes);
    for (String name : outputNames) {
      reserve(name);
      nodeOutputs.add(name);
    }
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op.opType()).setName(outputNames.get(0))
        .addAllAttribute(attributes);
    for (OnnxRef in : inputs) {
      if (in instanceof OnnxRef.Param p) {
        register(p);
      }
      n.addInput(in.name());
    }
    List<OnnxRef.Value> out = new ArrayList<>();
    for (int i = 0; i < outputNames.size(); i++) {
      n.addOutput(outputNames.get(i));
      out.add(new OnnxRef.Value(outputNames.get(i), shapes.get(i)));
    }
    proto.addNode(n);
    return out;
  }

  /** The graph as built so far (a root graph includes every initializer used so far). */
  public GraphProto build() {
    return proto.build();
  }

  /** Reserves and returns a fresh name {@code base_N} in this graph's name space. */
  public String fresh(String base) {
    return reserve(unused(prefix, base));
  }

  private String unused(String namePrefix, String base) {
    String name;
    do {
      name = namePrefix + base + "_" + shared.counter++;
    } while (shared.names.contains(name));
    return name;
  }

  private String reserve(String name) {
    if (!shared.names.add(name)) {
      throw new IllegalArgumentException("name '" + name + "' is already used in this model");
    }
    return name;
  }

  private void register(OnnxRef.Param p) {
    FloatArray known = shared.initializers.get(p.name());
    if (known != null) {
      if (!known.sameShape(p.data().shape()) || known.data() != p.data().data() && !known.equals(p.data())) {
        throw new IllegalArgumentException("two different initializers are named '" + p.name() + "'");
      }
      return;
    }
    if (!shared.names.add(p.name())) {
      throw new IllegalArgumentException("initializer name '" + p.name() + "' is already used by another value");
    }
    shared.initializers.put(p.name(), p.data());
    TensorProto.Builder t = TensorProto.newBuilder().setName(p.name()).setDataType(TensorProto.DataType.FLOAT_VALUE);
    for (int d : p.data().shape()) {
      t.addDims(d);
    }
    shared.root.addInitializer(t.setRawData(raw(p.data().data())));
  }

  private static ByteString raw(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return ByteString.copyFrom(b);
  }

  private static ByteString raw(long[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(values);
    return ByteString.copyFrom(b);
  }

  private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, Dim... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Dim d : dims) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      if (d != null && d.symbolic()) {
        dim.setDimParam(d.symbol());
      } else if (d != null) {
        dim.setDimValue(d.size());
      }
      shape.addDim(dim);
    }
    TypeProto.Tensor tensor = TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape).build();
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
  }

  private static Shape shapeOf(Dim... dims) {
    long[] d = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      d[i] = dims[i].symbolic() ? Shape.UNKNOWN : dims[i].size();
    }
    return new Shape(d);
  }
}
