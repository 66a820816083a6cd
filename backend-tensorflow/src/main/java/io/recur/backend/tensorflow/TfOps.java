package io.recur.backend.tensorflow;

import static io.recur.backend.tensorflow.TfTensor.t;

import io.recur.core.cell.Params;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.State;
import io.recur.core.cell.Step;
import io.recur.core.layer.LayerOps;
import io.recur.core.layer.TimeAxis;
import io.recur.core.layer.UnrolledRecurrence;
import io.recur.core.tensor.Shape;
import io.recur.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * {@link LayerOps} as TensorFlow graph operations: each call adds nodes to the graph of
 * {@code tf} and returns their output; nothing runs until a session does. Time is unrolled
 * ({@link UnrolledRecurrence}) for every cell, so gradients come from TensorFlow's own gradient
 * functions (plus the loss gradient that {@link CrossEntropyGradient} registers). Binary ops
 * accept equal shapes or a rank-1 right-hand side over the last axis; unknown dimensions (the
 * batch, fed at run time) match anything.
 */
final class TfOps implements LayerOps, TimeAxis {
  private final Ops tf;
  private final Class<? extends TFloating> dtype;
  private final Operand<TInt64> seed;
  private final AtomicLong dropouts;

  /**
   * @param dtype {@code TFloat32} (training and inference) or {@code TFloat64} (gradient checks)
   * @param seed the dropout seed, a {@code [2]} int64 operand (each dropout call draws its own
   *     stream from it); null where no dropout may happen
   */
  TfOps(Ops tf, Class<? extends TFloating> dtype, Operand<TInt64> seed) {
    this(tf, dtype, seed, new AtomicLong());
  }

  private TfOps(Ops tf, Class<? extends TFloating> dtype, Operand<TInt64> seed, AtomicLong dropouts) {
    if (dtype != TFloat32.class && dtype != TFloat64.class) {
      throw new IllegalArgumentException("TfOps computes in TFloat32 or TFloat64, not " + dtype.getSimpleName());
    }
    this.tf = tf;
    this.dtype = dtype;
    this.seed = seed;
    this.dropouts = dropouts;
  }

  Ops tf() {
    return tf;
  }

  /** The value of {@code t} as a floating-point operand of this graph's type. */
  @SuppressWarnings("unchecked")
  static Operand<TFloating> f(Tensor t) {
    return (Operand<TFloating>) t(t).operand();
  }

  /** The value of {@code t} as an integer operand (token ids). */
  @SuppressWarnings("unchecked")
  static Operand<TNumber> ids(Tensor t) {
    return (Operand<TNumber>) t(t).operand();
  }

  private static TfTensor wrap(Operand<?> o) {
    return new TfTensor(o);
  }

  /** A scalar constant of this graph's type (TensorFlow does not convert types implicitly). */
  @SuppressWarnings("unchecked")
  Operand<TFloating> scalar(double v) {
    return (Operand<TFloating>) (Operand<?>) (dtype == TFloat32.class ? tf.constant((float) v) : tf.constant(v));
  }

  @Override
  public Tensor linear(Tensor x, Tensor w) {
    Shape xs = x.shape();
    Shape ws = w.shape();
    if (ws.rank() != 2 || !fits(xs.last(), ws.dim(1))) {
      throw new IllegalArgumentException("linear: x " + xs + " and w " + ws + " do not fit (w must be [out, " + xs.last() + "])");
    }
    MatMul.Options transposed = MatMul.transposeB(true);
    if (xs.rank() == 2) {
      return wrap(tf.linalg.matMul(f(x), f(w), transposed));
    }
    Operand<TFloating> rows = tf.reshape(f(x), tf.constant(new long[] {-1, ws.dim(1)}));
    long[] out = xs.dims();
    out[out.length - 1] = ws.dim(0);
    return wrap(tf.reshape(tf.linalg.matMul(rows, f(w), transposed), shape(out, x)));
  }

  /** {@code dims} as a shape operand: a constant when at most one dimension is unknown, else read from {@code like} at run time. */
  private Operand<TInt64> shape(long[] dims, Tensor like) {
    int unknown = 0;
    for (long d : dims) {
      unknown += d == Shape.UNKNOWN ? 1 : 0;
    }
    if (unknown <= 1) {
      return tf.constant(dims);
    }
    int rank = dims.length;
    Operand<TInt64> leading = tf.slice(tf.shape(t(like).operand(), TInt64.class), tf.constant(new long[] {0}),
        tf.constant(new long[] {rank - 1}));
    return tf.concat(List.of(leading, tf.constant(new long[] {dims[rank - 1]})), tf.constant(0));
  }

  private static boolean fits(long a, long b) {
    return a == b || a == Shape.UNKNOWN || b == Shape.UNKNOWN;
  }

  /** Equal shapes, or a rank-1 {@code b} as long as {@code a}'s last axis. */
  private static void checkBroadcast(String op, Tensor a, Tensor b) {
    Shape sa = a.shape();
    Shape sb = b.shape();
    boolean ok = sb.rank() == 1 ? sa.rank() >= 1 && fits(sa.last(), sb.dim(0)) : sa.rank() == sb.rank();
    for (int i = 0; ok && sb.rank() != 1 && i < sa.rank(); i++) {
      ok = fits(sa.dim(i), sb.dim(i));
    }
    if (!ok) {
      throw new IllegalArgumentException(op + ": shapes " + sa + " and " + sb
          + " do not fit (equal shapes, or a vector as long as the last axis on the right)");
    }
  }

  @Override
  public Tensor add(Tensor a, Tensor b) {
    checkBroadcast("add", a, b);
    return wrap(tf.math.add(f(a), f(b)));
  }

  @Override
  public Tensor sub(Tensor a, Tensor b) {
    checkBroadcast("sub", a, b);
    return wrap(tf.math.sub(f(a), f(b)));
  }

  @Override
  public Tensor mul(Tensor a, Tensor b) {
    checkBroadcast("mul", a, b);
    return wrap(tf.math.mul(f(a), f(b)));
  }

  @Override
  public Tensor scale(Tensor a, double factor) {
    return wrap(tf.math.mul(f(a), scalar(factor)));
  }

  @Override
  public Tensor oneMinus(Tensor a) {
    return wrap(tf.math.sub(scalar(1), f(a)));
  }

  @Override
  public Tensor sigmoid(Tensor a) {
    return wrap(tf.math.sigmoid(f(a)));
  }

  @Override
  public Tensor tanh(Tensor a) {
    return wrap(tf.math.tanh(f(a)));
  }

  @Override
  public Tensor relu(Tensor a) {
    return wrap(tf.nn.relu(f(a)));
  }

  @Override
  public List<Tensor> split(Tensor a, int parts) {
    long last = a.shape().last();
    if (parts < 1 || last == Shape.UNKNOWN || last % parts != 0) {
      throw new IllegalArgumentException("split: the last axis of " + a.shape() + " does not divide into " + parts + " equal blocks");
    }
    List<Tensor> out = new ArrayList<>(parts);
    for (Operand<TFloating> o : tf.split(tf.constant(-1), f(a), (long) parts)) {
      out.add(wrap(o));
    }
    return out;
  }

  @Override
  public Tensor concat(List<Tensor> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("concat needs at least one tensor");
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return wrap(tf.concat(parts.stream().map(TfOps::f).toList(), tf.constant(-1)));
  }

  @Override
  public Tensor oneHot(Tensor tokens, int depth) {
    return wrap(tf.oneHot(ids(tokens), tf.constant(depth), scalar(1), scalar(0)));
  }

  @Override
  public Tensor embedding(Tensor table, Tensor tokens) {
    return wrap(tf.gather(f(table), ids(tokens), tf.constant(0)));
  }

  /** Runs the cell step by step, its nodes named under the layer's scope ({@code layer0/…}). */
  @Override
  public Step recurrent(String scope, RecurrentCell cell, Params w, Tensor x, State initial) {
    TfOps scoped = new TfOps(tf.withSubScope(ModelGraph.opName(scope)), dtype, seed, dropouts);
    return UnrolledRecurrence.run(scoped, scoped, cell, w, x, initial);
  }

  @Override
  public Tensor layerNorm(Tensor a, double epsilon) {
    Operand<TInt32> last = tf.constant(-1);
    Operand<TFloating> centered = tf.math.sub(f(a), tf.math.mean(f(a), last, Mean.keepDims(true)));
    Operand<TFloating> variance = tf.math.mean(tf.math.square(centered), last, Mean.keepDims(true));
    return wrap(tf.math.mul(centered, tf.math.rsqrt(tf.math.add(variance, scalar(epsilon)))));
  }

  @Override
  public Tensor meanSquaredError(Tensor predictions, Tensor targets) {
    Shape p = predictions.shape();
    Shape t = targets.shape();
    boolean same = p.rank() == t.rank();
    for (int i = 0; same && i < p.rank(); i++) {
      same = fits(p.dim(i), t.dim(i));
    }
    if (!same) {
      throw new IllegalArgumentException("meanSquaredError: predictions " + p + " and targets " + t + " differ in shape");
    }
    Operand<TFloating> error = tf.math.square(tf.math.sub(f(predictions), f(targets)));
    return wrap(tf.math.mean(error, allAxes(tf, p.rank())));
  }

  /** {@code [0, 1, …, rank − 1]}. */
  static Operand<TInt32> allAxes(Ops tf, int rank) {
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return tf.constant(axes);
  }

  /**
   * Inverted dropout with a mask from TensorFlow's stateless random numbers: call {@code k} of
   * these ops draws from the seed {@code seed + [0, k]}, so the same seed gives the same masks.
   */
  @Override
  public Tensor dropout(Tensor x, double p) {
    if (p == 0) {
      return x;
    }
    if (seed == null) {
      throw new IllegalStateException("dropout in a graph built without a dropout seed (evaluation or inference)");
    }
    Operand<TInt64> callSeed = tf.math.add(seed, tf.constant(new long[] {0, dropouts.getAndIncrement()}));
    Operand<TFloating> u = tf.random.statelessRandomUniform(tf.shape(f(x)), callSeed, castType());
    Operand<TFloating> keep = tf.dtypes.cast(tf.math.greaterEqual(u, scalar(p)), castType());
    return wrap(tf.math.mul(f(x), tf.math.mul(keep, scalar(1 / (1 - p)))));
  }

  @SuppressWarnings("unchecked")
  private Class<TFloating> castType() {
    return (Class<TFloating>) dtype;
  }

  @Override
  public Tensor softmaxCrossEntropy(Tensor logits, Tensor targets) {
    long vocab = logits.shape().last();
    Operand<TFloating> rows = tf.reshape(f(logits), tf.constant(new long[] {-1, vocab}));
    Operand<TNumber> labels = tf.reshape(ids(targets), tf.constant(new long[] {-1}));
    Operand<TFloating> perRow = tf.nn.sparseSoftmaxCrossEntropyWithLogits(rows, labels).loss();
    return wrap(tf.math.mean(perRow, tf.constant(0)));
  }

  @Override
  public List<Tensor> unstack(Tensor sequence) {
    long steps = sequence.shape().dim(0);
    if (steps == Shape.UNKNOWN) {
      throw new IllegalArgumentException("cannot unroll a sequence of unknown length " + sequence.shape());
    }
    List<Tensor> out = new ArrayList<>();
    for (Operand<TFloating> o : tf.unstack(f(sequence), steps)) {
      out.add(wrap(o));
    }
    return out;
  }

  @Override
  public Tensor stack(List<Tensor> steps) {
    return wrap(tf.stack(steps.stream().map(TfOps::f).toList()));
  }
}
