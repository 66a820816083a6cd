package io.recur.backend.nd4j;

import io.recur.core.cell.Params;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.State;
import io.recur.core.cell.Step;
import io.recur.core.layer.LayerOps;
import io.recur.core.layer.TimeAxis;
import io.recur.core.layer.UnrolledRecurrence;
import io.recur.core.tensor.Tensor;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link LayerOps} on ND4J, eager: every op computes its result at once and, when a
 * {@link Tape} is given and an input is tracked, records how to differentiate it. Without a
 * tape (inference) nothing is recorded. Every array an op allocates goes to the {@link Arena},
 * freed when the pass is done. Binary ops accept equal shapes or a rank-1 right-hand side over
 * the last axis, whose gradient is summed over the leading axes.
 */
final class Nd4jOps implements LayerOps, TimeAxis {
  private final DataType dtype;
  private final Tape tape;
  private final Arena arena;
  private final Rng dropoutRng;
  private final Recurrence recurrence;
  private final Map<Nd4jTensor, SliceOf> slices = new IdentityHashMap<>();
  private final Map<Nd4jTensor, Map<INDArray, Nd4jTensor>> projections = new IdentityHashMap<>();

  /** Step {@code step} of {@code sequence}, as {@link #unstack} handed it out. */
  private record SliceOf(Nd4jTensor sequence, long step) {}

  /**
   * @param tape where to record for differentiation, or null for inference
   * @param dropoutRng the masks' randomness (element by element in row-major order, as every backend draws it)
   */
  Nd4jOps(DataType dtype, Tape tape, Arena arena, Rng dropoutRng, Recurrence recurrence) {
    this.dtype = dtype;
    this.tape = tape;
    this.arena = arena;
    this.dropoutRng = dropoutRng;
    this.recurrence = recurrence;
  }

  DataType dtype() {
    return dtype;
  }

  Arena arena() {
    return arena;
  }

  /** A value no gradient flows to. */
  Nd4jTensor constant(INDArray value) {
    return Nd4jTensor.constant(value);
  }

  /** A value whose gradient is wanted: a parameter or an initial state (a constant without a tape). */
  Nd4jTensor variable(INDArray value) {
    return tape == null ? Nd4jTensor.constant(value) : new Nd4jTensor(value, tape.leaf());
  }

  /** Token ids {@code tokens[b][t]} as a time-major {@code [T, B]} integer array. */
  Nd4jTensor tokens(int[][] tokens) {
    int b = tokens.length;
    int t = tokens[0].length;
    int[][] ids = new int[t][b];
    for (int r = 0; r < b; r++) {
      if (tokens[r].length != t) {
        throw new IllegalArgumentException("ragged tokens: row " + r + " has " + tokens[r].length + " steps, row 0 has " + t);
      }
      for (int s = 0; s < t; s++) {
        ids[s][r] = tokens[r][s];
      }
    }
    return constant(arena.track(Nd4j.createFromArray(ids)));
  }

  static Nd4jTensor t(Tensor t) {
    if (t instanceof Nd4jTensor n) {
      return n;
    }
    throw new IllegalArgumentException("not an ND4J tensor: " + t + " (" + t.getClass().getName() + ")");
  }

  /** Records {@code value} as the output of an op whose inputs include a tracked one. */
  Nd4jTensor result(INDArray value, Tape.Backward backward, Nd4jTensor... inputs) {
    arena.track(value);
    if (tape == null) {
      return Nd4jTensor.constant(value);
    }
    for (Nd4jTensor in : inputs) {
      if (in.tracked()) {
        return new Nd4jTensor(value, tape.record(backward));
      }
    }
    return Nd4jTensor.constant(value);
  }

  /** As {@link #result} for a value that is a view of an array some op already tracked. */
  private Nd4jTensor view(INDArray value, Tape.Backward backward, Nd4jTensor input) {
    if (tape == null || !input.tracked()) {
      return Nd4jTensor.constant(value);
    }
    return new Nd4jTensor(value, tape.record(backward));
  }

  /** A new array of this dtype holding {@code data} (row-major), tracked by the arena. */
  INDArray array(double[] data, long... shape) {
    if (dtype == DataType.DOUBLE) {
      return arena.track(Nd4j.create(data, shape, DataType.DOUBLE));
    }
    float[] f = new float[data.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) data[i];
    }
    return arena.track(Nd4j.create(f, shape, dtype));
  }

  Tape tape() {
    return tape;
  }

  /** {@code a} as a matrix {@code [rows, last]} (a view where the layout allows). */
  INDArray rows(INDArray a) {
    if (a.rank() == 2) {
      return a;
    }
    INDArray r = a.reshape('c', a.length() / a.size(-1), a.size(-1));
    if (!r.isView() && r != a) {
      arena.track(r);
    }
    return r;
  }

  /**
   * {@code x · wᵀ}. When {@code x} is one step of a sequence that {@link #unstack} cut and
   * {@code w} comes from outside this pass (a parameter), the product is computed for every step
   * of the sequence at once, on first use, and each step reads its slice: one GEMM over
   * {@code [T·B, in]} instead of T thin ones, forward and backward.
   */
  @Override
  public Tensor linear(Tensor xt, Tensor wt) {
    Nd4jTensor x = t(xt);
    Nd4jTensor w = t(wt);
    SliceOf slice = slices.get(x);
    if (slice == null || arena.owns(w.value())) {
      return linearNow(x, w);
    }
    Nd4jTensor all = projections.computeIfAbsent(slice.sequence(), k -> new IdentityHashMap<>())
        .computeIfAbsent(w.value(), k -> linearNow(slice.sequence(), w));
    long step = slice.step();
    return view(all.value().slice(step), (g, into) -> into.accumulator(all).slice(step).addi(g), all);
  }

  private Nd4jTensor linearNow(Nd4jTensor x, Nd4jTensor w) {
    long in = x.value().size(-1);
    if (w.value().rank() != 2 || w.value().size(1) != in) {
      throw new IllegalArgumentException("linear: x " + x.shape() + " and w " + w.shape() + " do not fit (w must be [out, " + in + "])");
    }
    INDArray x2 = rows(x.value());
    INDArray y2 = Nd4j.gemm(x2, w.value(), false, true);
    long[] shape = x.value().shape().clone();
    shape[shape.length - 1] = w.value().size(0);
    INDArray y = x.value().rank() == 2 ? y2 : y2.reshape('c', shape);
    if (y != y2) {
      arena.track(y2);
    }
    return result(y, (g, into) -> {
      INDArray g2 = rows(g);
      if (x.tracked()) {
        INDArray gx = Nd4j.gemm(g2, w.value(), false, false);
        into.add(x, x.value().rank() == 2 ? gx : arena.track(gx).reshape('c', x.value().shape()));
      }
      into.addProduct(w, g2, x2);
    }, x, w);
  }

  private boolean broadcasts(Nd4jTensor a, Nd4jTensor b) {
    if (Arrays.equals(a.value().shape(), b.value().shape())) {
      return false;
    }
    if (b.value().rank() == 1 && a.value().rank() >= 1 && b.value().size(0) == a.value().size(-1)) {
      return true;
    }
    throw new IllegalArgumentException("shapes " + a.shape() + " and " + b.shape()
        + " do not broadcast: the right operand must have the same shape or be a vector over the last axis");
  }

  /** The gradient of a broadcast right operand is summed over the leading axes. */
  private INDArray reduceTo(INDArray g, boolean broadcast) {
    return broadcast ? rows(g).sum(0) : g;
  }

  @Override
  public Tensor add(Tensor at, Tensor bt) {
    Nd4jTensor a = t(at);
    Nd4jTensor b = t(bt);
    boolean bc = broadcasts(a, b);
    INDArray y = bc ? rowOp(a.value(), b.value(), '+') : a.value().add(b.value());
    return result(y, (g, into) -> {
      into.share(a, g);
      if (bc) {
        into.add(b, reduceTo(g, true));
      } else {
        into.share(b, g);
      }
    }, a, b);
  }

  @Override
  public Tensor sub(Tensor at, Tensor bt) {
    Nd4jTensor a = t(at);
    Nd4jTensor b = t(bt);
    boolean bc = broadcasts(a, b);
    INDArray y = bc ? rowOp(a.value(), b.value(), '-') : a.value().sub(b.value());
    return result(y, (g, into) -> {
      into.share(a, g);
      if (b.tracked()) {
        INDArray gb = reduceTo(g, bc);
        into.add(b, gb == g ? g.neg() : gb.negi());
      }
    }, a, b);
  }

  @Override
  public Tensor mul(Tensor at, Tensor bt) {
    Nd4jTensor a = t(at);
    Nd4jTensor b = t(bt);
    boolean bc = broadcasts(a, b);
    INDArray y = bc ? rowOp(a.value(), b.value(), '*') : a.value().mul(b.value());
    return result(y, (g, into) -> {
      if (a.tracked()) {
        into.add(a, bc ? rowOp(g, b.value(), '*') : g.mul(b.value()));
      }
      if (b.tracked()) {
        INDArray gb = g.mul(a.value());
        into.add(b, bc ? reduceTo(arena.track(gb), true) : gb);
      }
    }, a, b);
  }

  /** {@code a ∘ v} with the vector {@code v} over the last axis; a new array of {@code a}'s shape. */
  private INDArray rowOp(INDArray a, INDArray v, char op) {
    INDArray a2 = rows(a);
    INDArray r = switch (op) {
      case '+' -> a2.addRowVector(v);
      case '-' -> a2.subRowVector(v);
      default -> a2.mulRowVector(v);
    };
    return a.rank() == 2 ? r : arena.track(r).reshape('c', a.shape());
  }

  @Override
  public Tensor scale(Tensor at, double factor) {
    Nd4jTensor a = t(at);
    return result(a.value().mul(factor), (g, into) -> into.add(a, g.mul(factor)), a);
  }

  @Override
  public Tensor oneMinus(Tensor at) {
    Nd4jTensor a = t(at);
    return result(a.value().rsub(1.0), (g, into) -> into.add(a, g.neg()), a);
  }

  @Override
  public Tensor sigmoid(Tensor at) {
    Nd4jTensor a = t(at);
    INDArray y = Transforms.sigmoid(a.value(), true);
    return result(y, (g, into) -> into.add(a, y.rsub(1.0).muli(y).muli(g)), a);
  }

  @Override
  public Tensor tanh(Tensor at) {
    Nd4jTensor a = t(at);
    INDArray y = Transforms.tanh(a.value(), true);
    return result(y, (g, into) -> into.add(a, y.mul(y).rsubi(1.0).muli(g)), a);
  }

  @Override
  public Tensor relu(Tensor at) {
    Nd4jTensor a = t(at);
    INDArray y = Transforms.relu(a.value(), true);
    return result(y, (g, into) -> into.add(a, Transforms.sign(y, true).muli(g)), a);
  }

  @Override
  public List<Tensor> split(Tensor at, int parts) {
    Nd4jTensor a = t(at);
    long n = a.value().size(-1);
    if (parts <= 0 || n % parts != 0) {
      throw new IllegalArgumentException("cannot split the last axis of " + a.shape() + " into " + parts + " equal parts");
    }
    long w = n / parts;
    List<INDArray> views = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) {
      views.add(a.value().get(lastAxis(a.value().rank(), p * w, (p + 1) * w)));
    }
    if (tape == null || !a.tracked()) {
      return views.stream().<Tensor>map(Nd4jTensor::constant).toList();
    }
    int[] ids = tape.recordGroup(parts, (gs, into) -> {
      INDArray[] full = new INDArray[parts];
      for (int p = 0; p < parts; p++) {
        full[p] = gs.get(p) != null ? gs.get(p) : arena.track(Nd4j.zeros(dtype, views.get(p).shape()));
      }
      into.add(a, Nd4j.concat(a.value().rank() - 1, full));
    });
    List<Tensor> out = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) {
      out.add(new Nd4jTensor(views.get(p), ids[p]));
    }
    return out;
  }

  @Override
  public Tensor concat(List<Tensor> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("concat needs at least one tensor");
    }
    List<Nd4jTensor> ps = parts.stream().map(Nd4jOps::t).toList();
    int axis = ps.get(0).value().rank() - 1;
    INDArray y = Nd4j.concat(axis, ps.stream().map(Nd4jTensor::value).toArray(INDArray[]::new));
    return result(y, (g, into) -> {
      long off = 0;
      for (Nd4jTensor p : ps) {
        long w = p.value().size(-1);
        into.share(p, g.get(lastAxis(g.rank(), off, off + w)));
        off += w;
      }
    }, ps.toArray(Nd4jTensor[]::new));
  }

  private static INDArrayIndex[] lastAxis(int rank, long from, long to) {
    INDArrayIndex[] idx = new INDArrayIndex[rank];
    Arrays.fill(idx, NDArrayIndex.all());
    idx[rank - 1] = NDArrayIndex.interval(from, to);
    return idx;
  }

  @Override
  public Tensor oneHot(Tensor tokens, int depth) {
    return constant(Encodings.oneHot(this, t(tokens).value(), depth));
  }

  @Override
  public Tensor embedding(Tensor table, Tensor tokens) {
    return Encodings.embedding(this, t(table), t(tokens).value());
  }

  @Override
  public Step recurrent(RecurrentCell cell, Params w, Tensor x, State initial) {
    return recurrence.run(this, cell, w, t(x), initial)
        .orElseGet(() -> UnrolledRecurrence.run(this, this, cell, w, x, initial));
  }

  @Override
  public Tensor dropout(Tensor xt, double p) {
    Nd4jTensor x = t(xt);
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("dropout probability must be in [0, 1) (got " + p + ")");
    }
    if (p == 0) {
      return x;
    }
    if (dropoutRng == null) {
      throw new IllegalStateException("dropout needs randomness; these ops were made without a dropout Rng");
    }
    double keep = 1 / (1 - p);
    double[] m = new double[Math.toIntExact(x.value().length())];
    for (int i = 0; i < m.length; i++) {
      m[i] = dropoutRng.nextDouble() < p ? 0 : keep;
    }
    INDArray mask = array(m, x.value().shape());
    return result(x.value().mul(mask), (g, into) -> into.add(x, g.mul(mask)), x);
  }

  @Override
  public Tensor softmaxCrossEntropy(Tensor logits, Tensor targets) {
    return Encodings.softmaxCrossEntropy(this, t(logits), t(targets).value());
  }

  @Override
  public List<Tensor> unstack(Tensor sequence) {
    Nd4jTensor s = t(sequence);
    long steps = s.value().size(0);
    List<Tensor> out = new ArrayList<>();
    for (long i = 0; i < steps; i++) {
      long step = i;
      Nd4jTensor x = view(s.value().slice(i), (g, into) -> into.accumulator(s).slice(step).addi(g), s);
      slices.put(x, new SliceOf(s, step));
      out.add(x);
    }
    return out;
  }

  @Override
  public Tensor stack(List<Tensor> steps) {
    List<Nd4jTensor> ss = steps.stream().map(Nd4jOps::t).toList();
    INDArray y = Nd4j.stack(0, ss.stream().map(Nd4jTensor::value).toArray(INDArray[]::new));
    return result(y, (g, into) -> {
      for (int i = 0; i < ss.size(); i++) {
        into.share(ss.get(i), g.slice(i));
      }
    }, ss.toArray(Nd4jTensor[]::new));
  }
}
