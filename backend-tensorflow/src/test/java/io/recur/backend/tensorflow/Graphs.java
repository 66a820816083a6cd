package io.recur.backend.tensorflow;

import io.recur.core.tensor.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TType;

/** A graph for op tests and a session that reads its values (made when first needed, so that the graph may still grow). */
final class Graphs implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Ops tf = Ops.create(graph);
  private Session session;

  Graphs() {
    TfRuntime.get();
  }

  Graph graph() {
    return graph;
  }

  Ops ops() {
    return tf;
  }

  /** A float32 constant of {@code dims} holding {@code values}. */
  static Tensor constant(Ops tf, double[] values, int... dims) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return new TfTensor(tf.constant(Tensors.shape(dims), DataBuffers.of(f)));
  }

  /** Token ids {@code tokens[b][t]} as a time-major int32 constant. */
  static Tensor tokens(Ops tf, int[][] tokens) {
    int b = tokens.length;
    int t = tokens[0].length;
    int[] ids = new int[b * t];
    for (int r = 0; r < b; r++) {
      for (int s = 0; s < t; s++) {
        ids[s * b + r] = tokens[r][s];
      }
    }
    return new TfTensor(tf.constant(Shape.of(t, b), DataBuffers.of(ids)));
  }

  /** The value of {@code t} (float32 or float64), row-major. */
  double[] read(Tensor t) {
    if (session == null) {
      session = new Session(graph);
    }
    try (Result r = session.runner().fetch(TfTensor.t(t).operand()).run()) {
      TType v = (TType) r.get(0);
      double[] out = new double[Math.toIntExact(v.shape().size())];
      if (v instanceof TFloat64 d) {
        d.copyTo(DataBuffers.of(out, false, false));
      } else {
        float[] f = Tensors.read((TFloat32) v);
        for (int i = 0; i < f.length; i++) {
          out[i] = f[i];
        }
      }
      return out;
    }
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    graph.close();
  }
}
