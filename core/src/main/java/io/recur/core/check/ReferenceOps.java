package io.recur.core.check;

import io.recur.core.cell.Params;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.State;
import io.recur.core.cell.Step;
import io.recur.core.layer.LayerOps;
import io.recur.core.layer.TimeAxis;
import io.recur.core.layer.UnrolledRecurrence;
import io.recur.core.tensor.Shape;
import io.recur.core.tensor.Tensor;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-Java, float64, forward-only implementation of {@link LayerOps}: the reference that
 * backend results (ND4J, ONNX Runtime) are compared against, with no native library, and the ops
 * {@link CellCheck} dry-runs a cell on. Written for clarity, not speed. Every op checks its
 * operands' shapes against {@link io.recur.core.ops.CellOps}' rules and names itself and the
 * shapes when they do not fit.
 */
public final class ReferenceOps implements LayerOps, TimeAxis {
  private final Rng dropoutRng;

  public ReferenceOps() {
    this(new Rng(0));
  }

  public ReferenceOps(Rng dropoutRng) {
    this.dropoutRng = dropoutRng;
  }

  /** A reference tensor: row-major doubles with a shape. */
  public record Value(int[] dims, double[] data) implements Tensor {
    public Value {
      if (Arrays.stream(dims).asLongStream().reduce(1, (a, b) -> a * b) != data.length) {
        throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " does not hold " + data.length + " values");
      }
    }

    @Override
    public Shape shape() {
      return new Shape(Arrays.stream(dims).asLongStream().toArray());
    }

    int last() {
      return dims[dims.length - 1];
    }
  }

  public static Value of(float[] data, int... dims) {
    double[] d = new double[data.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = data[i];
    }
    return new Value(dims.clone(), d);
  }

  public static Value of(double[] data, int... dims) {
    return new Value(dims.clone(), data.clone());
  }

  /** Token ids {@code tokens[b][t]} as a time-major {@code [T, B]} tensor. */
  public static Value tokens(int[][] tokens) {
    int b = tokens.length;
    int t = tokens[0].length;
    double[] d = new double[t * b];
    for (int r = 0; r < b; r++) {
      for (int s = 0; s < t; s++) {
        d[s * b + r] = tokens[r][s];
      }
    }
    return new Value(new int[] {t, b}, d);
  }

  public static Value zeros(int... dims) {
    return new Value(dims.clone(), new double[Arrays.stream(dims).reduce(1, (a, c) -> a * c)]);
  }

  public static double[] values(Tensor t) {
    return ((Value) t).data().clone();
  }

  private static Value v(Tensor t) {
    return (Value) t;
  }

  @Override
  public Tensor linear(Tensor x, Tensor w) {
    Value a = v(x);
    Value m = v(w);
    int in = a.last();
    int out = m.dims()[0];
    if (m.dims().length != 2 || m.dims()[1] != in) {
      throw new IllegalArgumentException("linear: x " + a.shape() + " and w " + m.shape() + " do not fit (w must be [out, "
          + in + "])");
    }
    int rows = a.data().length / in;
    double[] r = new double[rows * out];
    for (int i = 0; i < rows; i++) {
      for (int o = 0; o < out; o++) {
        double s = 0;
        for (int k = 0; k < in; k++) {
          s += a.data()[i * in + k] * m.data()[o * in + k];
        }
        r[i * out + o] = s;
      }
    }
    int[] dims = a.dims().clone();
    dims[dims.length - 1] = out;
    return new Value(dims, r);
  }

  private interface Binary {
    double apply(double a, double b);
  }

  private static Value binary(String op, Tensor x, Tensor y, Binary f) {
    Value a = v(x);
    Value b = v(y);
    double[] r = new double[a.data().length];
    if (Arrays.equals(a.dims(), b.dims())) {
      for (int i = 0; i < r.length; i++) {
        r[i] = f.apply(a.data()[i], b.data()[i]);
      }
    } else if (b.dims().length == 1 && b.dims()[0] == a.last()) {
      int n = a.last();
      for (int i = 0; i < r.length; i++) {
        r[i] = f.apply(a.data()[i], b.data()[i % n]);
      }
    } else {
      throw new IllegalArgumentException(op + ": shapes " + a.shape() + " and " + b.shape()
          + " do not fit (equal shapes, or a vector as long as the last dimension on the right)");
    }
    return new Value(a.dims(), r);
  }

  private interface Unary {
    double apply(double a);
  }

  private static Value unary(Tensor x, Unary f) {
    Value a = v(x);
    double[] r = new double[a.data().length];
    for (int i = 0; i < r.length; i++) {
      r[i] = f.apply(a.data()[i]);
    }
    return new Value(a.dims(), r);
  }

  @Override
  public Tensor add(Tensor a, Tensor b) {
    return binary("add", a, b, Double::sum);
  }

  @Override
  public Tensor sub(Tensor a, Tensor b) {
    return binary("sub", a, b, (p, q) -> p - q);
  }

  @Override
  public Tensor mul(Tensor a, Tensor b) {
    return binary("mul", a, b, (p, q) -> p * q);
  }

  @Override
  public Tensor scale(Tensor a, double factor) {
    return unary(a, p -> p * factor);
  }

  @Override
  public Tensor oneMinus(Tensor a) {
    return unary(a, p -> 1 - p);
  }

  @Override
  public Tensor sigmoid(Tensor a) {
    return unary(a, p -> 1 / (1 + Math.exp(-p)));
  }

  @Override
  public Tensor tanh(Tensor a) {
    return unary(a, Math::tanh);
  }

  @Override
  public Tensor relu(Tensor a) {
    return unary(a, p -> Math.max(p, 0));
  }

  @Override
  public List<Tensor> split(Tensor t, int parts) {
    Value a = v(t);
    int n = a.last();
    if (n % parts != 0) {
      throw new IllegalArgumentException("split: the last dimension of " + a.shape() + " does not split into " + parts
          + " equal parts");
    }
    int w = n / parts;
    int rows = a.data().length / n;
    List<Tensor> out = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      double[] r = new double[rows * w];
      for (int i = 0; i < rows; i++) {
        System.arraycopy(a.data(), i * n + p * w, r, i * w, w);
      }
      int[] dims = a.dims().clone();
      dims[dims.length - 1] = w;
      out.add(new Value(dims, r));
    }
    return out;
  }

  @Override
  public Tensor concat(List<Tensor> parts) {
    int[] lead = Arrays.copyOf(v(parts.get(0)).dims(), v(parts.get(0)).dims().length - 1);
    for (Tensor p : parts) {
      int[] d = v(p).dims();
      if (!Arrays.equals(lead, Arrays.copyOf(d, d.length - 1)) || d.length != lead.length + 1) {
        throw new IllegalArgumentException("concat: shapes " + parts.stream().map(Tensor::shape).toList()
            + " differ before the last axis");
      }
    }
    int rows = v(parts.get(0)).data().length / v(parts.get(0)).last();
    int n = parts.stream().mapToInt(p -> v(p).last()).sum();
    double[] r = new double[rows * n];
    int off = 0;
    for (Tensor p : parts) {
      Value a = v(p);
      int w = a.last();
      for (int i = 0; i < rows; i++) {
        System.arraycopy(a.data(), i * w, r, i * n + off, w);
      }
      off += w;
    }
    int[] dims = v(parts.get(0)).dims().clone();
    dims[dims.length - 1] = n;
    return new Value(dims, r);
  }

  @Override
  public Tensor oneHot(Tensor tokens, int depth) {
    Value t = v(tokens);
    double[] r = new double[t.data().length * depth];
    for (int i = 0; i < t.data().length; i++) {
      r[i * depth + (int) t.data()[i]] = 1;
    }
    return new Value(new int[] {t.dims()[0], t.dims()[1], depth}, r);
  }

  @Override
  public Tensor embedding(Tensor table, Tensor tokens) {
    Value e = v(table);
    Value t = v(tokens);
    int width = e.last();
    double[] r = new double[t.data().length * width];
    for (int i = 0; i < t.data().length; i++) {
      System.arraycopy(e.data(), (int) t.data()[i] * width, r, i * width, width);
    }
    return new Value(new int[] {t.dims()[0], t.dims()[1], width}, r);
  }

  @Override
  public Step recurrent(String scope, RecurrentCell cell, Params w, Tensor x, State initial) {
    return UnrolledRecurrence.run(this, this, cell, w, x, initial);
  }

  @Override
  public Tensor dropout(Tensor x, double p) {
    return unary(x, a -> dropoutRng.nextDouble() < p ? 0 : a / (1 - p));
  }

  @Override
  public Tensor softmaxCrossEntropy(Tensor logits, Tensor targets) {
    Value l = v(logits);
    Value t = v(targets);
    int n = l.last();
    int rows = l.data().length / n;
    double total = 0;
    for (int i = 0; i < rows; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < n; k++) {
        max = Math.max(max, l.data()[i * n + k]);
      }
      double s = 0;
      for (int k = 0; k < n; k++) {
        s += Math.exp(l.data()[i * n + k] - max);
      }
      total += max + Math.log(s) - l.data()[i * n + (int) t.data()[i]];
    }
    return new Value(new int[0], new double[] {total / rows});
  }

  @Override
  public Tensor meanSquaredError(Tensor predictions, Tensor targets) {
    Value p = v(predictions);
    Value t = v(targets);
    if (!Arrays.equals(p.dims(), t.dims())) {
      throw new IllegalArgumentException("meanSquaredError of " + Arrays.toString(p.dims()) + " and " + Arrays.toString(t.dims()));
    }
    double total = 0;
    for (int i = 0; i < p.data().length; i++) {
      double d = p.data()[i] - t.data()[i];
      total += d * d;
    }
    return new Value(new int[0], new double[] {total / p.data().length});
  }

  @Override
  public Tensor layerNorm(Tensor a, double epsilon) {
    Value x = v(a);
    int n = x.last();
    double[] r = new double[x.data().length];
    for (int row = 0; row < r.length / n; row++) {
      double mean = 0;
      for (int k = 0; k < n; k++) {
        mean += x.data()[row * n + k];
      }
      mean /= n;
      double var = 0;
      for (int k = 0; k < n; k++) {
        double d = x.data()[row * n + k] - mean;
        var += d * d;
      }
      double inv = 1 / Math.sqrt(var / n + epsilon);
      for (int k = 0; k < n; k++) {
        r[row * n + k] = (x.data()[row * n + k] - mean) * inv;
      }
    }
    return new Value(x.dims(), r);
  }

  @Override
  public List<Tensor> unstack(Tensor sequence) {
    Value a = v(sequence);
    int steps = a.dims()[0];
    int per = a.data().length / steps;
    int[] dims = Arrays.copyOfRange(a.dims(), 1, a.dims().length);
    List<Tensor> out = new ArrayList<>(steps);
    for (int s = 0; s < steps; s++) {
      out.add(new Value(dims, Arrays.copyOfRange(a.data(), s * per, (s + 1) * per)));
    }
    return out;
  }

  @Override
  public Tensor stack(List<Tensor> steps) {
    Value first = v(steps.get(0));
    int per = first.data().length;
    double[] r = new double[per * steps.size()];
    for (int s = 0; s < steps.size(); s++) {
      System.arraycopy(v(steps.get(s)).data(), 0, r, s * per, per);
    }
    int[] dims = new int[first.dims().length + 1];
    dims[0] = steps.size();
    System.arraycopy(first.dims(), 0, dims, 1, first.dims().length);
    return new Value(dims, r);
  }
}
