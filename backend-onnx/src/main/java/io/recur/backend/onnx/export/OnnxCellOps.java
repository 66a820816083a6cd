package io.recur.backend.onnx.export;

import io.recur.core.ops.CellOps;
import io.recur.core.tensor.Shape;
import io.recur.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link CellOps} that record ONNX nodes into a graph instead of computing: running a cell's
 * {@code step} on these ops writes the cell into a {@code Scan} body (or any graph). Shapes are
 * tracked and checked as the op contract states, so a cell that mixes up its sizes fails at
 * export time with a message, not inside ONNX Runtime.
 */
public class OnnxCellOps implements CellOps {
  /** The graph the nodes go into. */
  protected final OnnxGraph graph;
  private final Map<String, OnnxRef> transposed = new HashMap<>();

  public OnnxCellOps(OnnxGraph graph) {
    this.graph = graph;
  }

  /** The graph value behind {@code t}, which must come from this exporter. */
  protected static OnnxRef ref(Tensor t) {
    if (t instanceof OnnxRef r) {
      return r;
    }
    throw new IllegalArgumentException("not a value of an ONNX graph under construction: " + t);
  }

  @Override
  public Tensor linear(Tensor x, Tensor w) {
    OnnxRef a = ref(x);
    OnnxRef m = ref(w);
    Shape xs = a.shape();
    Shape ws = m.shape();
    if (ws.rank() != 2 || xs.rank() < 2 || !same(xs.last(), ws.dim(1))) {
      throw new IllegalArgumentException("linear: x " + xs + " and w " + ws + " do not fit (w must be [out, in] with in = x's last dimension)");
    }
    long[] out = xs.dims();
    out[out.length - 1] = ws.dim(0);
    if (xs.rank() == 2) {
      return graph.op(OnnxOp.GEMM, new Shape(out), List.of(a, m), Attrs.i("transB", 1));
    }
    OnnxRef wt = transposed.computeIfAbsent(m.name(),
        k -> graph.op(OnnxOp.TRANSPOSE, Shape.of(ws.dim(1), ws.dim(0)), List.of(m), Attrs.ints("perm", 1, 0)));
    return graph.op(OnnxOp.MATMUL, new Shape(out), List.of(a, wt));
  }

  @Override
  public Tensor add(Tensor a, Tensor b) {
    return binary(OnnxOp.ADD, a, b);
  }

  @Override
  public Tensor sub(Tensor a, Tensor b) {
    return binary(OnnxOp.SUB, a, b);
  }

  @Override
  public Tensor mul(Tensor a, Tensor b) {
    return binary(OnnxOp.MUL, a, b);
  }

  @Override
  public Tensor scale(Tensor a, double factor) {
    OnnxRef x = ref(a);
    return graph.op(OnnxOp.MUL, x.shape(), List.of(x, graph.scalar((float) factor)));
  }

  @Override
  public Tensor oneMinus(Tensor a) {
    OnnxRef x = ref(a);
    return graph.op(OnnxOp.SUB, x.shape(), List.of(graph.scalar(1f), x));
  }

  @Override
  public Tensor sigmoid(Tensor a) {
    return unary(OnnxOp.SIGMOID, a);
  }

  @Override
  public Tensor tanh(Tensor a) {
    return unary(OnnxOp.TANH, a);
  }

  @Override
  public Tensor relu(Tensor a) {
    return unary(OnnxOp.RELU, a);
  }

  @Override
  public List<Tensor> split(Tensor a, int parts) {
    OnnxRef x = ref(a);
    long n = x.shape().last();
    if (parts <= 0 || n == Shape.UNKNOWN || n % parts != 0) {
      throw new IllegalArgumentException("cannot split the last axis of " + x.shape() + " into " + parts + " equal parts");
    }
    long[] part = x.shape().dims();
    part[part.length - 1] = n / parts;
    List<Shape> shapes = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      shapes.add(new Shape(part));
    }
    return new ArrayList<>(graph.node(OnnxOp.SPLIT, List.of(x), shapes, Attrs.i("axis", -1)));
  }

  @Override
  public Tensor concat(List<Tensor> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("concat needs at least one tensor");
    }
    List<OnnxRef> refs = parts.stream().map(OnnxCellOps::ref).toList();
    long[] out = refs.get(0).shape().dims();
    long width = 0;
    for (OnnxRef r : refs) {
      if (r.shape().rank() != out.length) {
        throw new IllegalArgumentException("concat: ranks differ: " + refs.stream().map(OnnxRef::shape).toList());
      }
      long w = r.shape().last();
      width = width == Shape.UNKNOWN || w == Shape.UNKNOWN ? Shape.UNKNOWN : width + w;
    }
    out[out.length - 1] = width;
    return graph.op(OnnxOp.CONCAT, new Shape(out), refs, Attrs.i("axis", -1));
  }

  /** ONNX's own {@code LayerNormalization} over the last axis, with a scale of ones and no shift. */
  @Override
  public Tensor layerNorm(Tensor a, double epsilon) {
    OnnxRef x = ref(a);
    long n = x.shape().last();
    if (n == Shape.UNKNOWN || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("layerNorm needs a known last axis, got " + x.shape());
    }
    float[] ones = new float[(int) n];
    java.util.Arrays.fill(ones, 1f);
    OnnxRef scale = graph.constant(new io.recur.core.model.FloatArray(new int[] {(int) n}, ones));
    return graph.op(OnnxOp.LAYER_NORMALIZATION, x.shape(), List.of(x, scale), Attrs.i("axis", -1),
        Attrs.f("epsilon", (float) epsilon));
  }

  private Tensor unary(OnnxOp op, Tensor a) {
    OnnxRef x = ref(a);
    return graph.op(op, x.shape(), List.of(x));
  }

  private Tensor binary(OnnxOp op, Tensor a, Tensor b) {
    OnnxRef x = ref(a);
    OnnxRef y = ref(b);
    Shape xs = x.shape();
    Shape ys = y.shape();
    boolean vector = ys.rank() == 1 && xs.rank() >= 1 && same(ys.dim(0), xs.last());
    if (!vector && !compatible(xs, ys)) {
      throw new IllegalArgumentException(op.opType() + ": shapes " + xs + " and " + ys
          + " must be equal, or the right one a vector as long as the left one's last axis");
    }
    return graph.op(op, vector ? xs : merge(xs, ys), List.of(x, y));
  }

  private static boolean same(long a, long b) {
    return a == b || a == Shape.UNKNOWN || b == Shape.UNKNOWN;
  }

  private static boolean compatible(Shape a, Shape b) {
    if (a.rank() != b.rank()) {
      return false;
    }
    for (int i = 0; i < a.rank(); i++) {
      if (!same(a.dim(i), b.dim(i))) {
        return false;
      }
    }
    return true;
  }

  private static Shape merge(Shape a, Shape b) {
    long[] d = a.dims();
    for (int i = 0; i < d.length; i++) {
      if (d[i] == Shape.UNKNOWN) {
        d[i] = b.dim(i);
      }
    }
    return new Shape(d);
  }
}
