package io.recur.backend.nd4j;

import io.recur.core.cell.Params;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.State;
import io.recur.core.cell.Step;
import io.recur.core.layer.LayerOps;
import io.recur.core.layer.TimeAxis;
import io.recur.core.layer.UnrolledRecurrence;
import io.recur.core.tensor.DType;
import io.recur.core.tensor.Tensor;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
  private final FusedOutput output;
  private final Map<Nd4jTensor, SliceOf> slices = new IdentityHashMap<>();
  private final Map<Nd4jTensor, Map<INDArray, Nd4jTensor>> projections = new IdentityHashMap<>();

  /** Step {@code step} of {@code sequence}, as {@link #unstack} handed it out. */
  private record SliceOf(Nd4jTensor sequence, long step) {}

  /**
   * @param tape where to record for differentiation, or null for inference
   * @param dropoutRng the masks' randomness (element by element in row-major order, as every backend draws it)
   */
  Nd4jOps(DType dtype, Tape tape, Arena arena, Rng dropoutRng, Recurrence recurrence) {
    this(dtype, tape, arena, dropoutRng, recurrence, new FusedOutput(recurrence.mode()));
  }

  /** @param output how {@link #projectedCrossEntropy} runs (a training session keeps one for its gradient arrays) */
  Nd4jOps(DType dtype, Tape tape, Arena arena, Rng dropoutRng, Recurrence recurrence, FusedOutput output) {
    this.dtype = dtype == DType.FLOAT64 ? DataType.DOUBLE : DataType.FLOAT;
    this.tape = tape;
    this.arena = arena;
    this.dropoutRng = dropoutRng;
    this.recurrence = recurrence;
    this.output = output;
  }

  /** The ND4J element type of every array these ops make: FLOAT for {@code FLOAT32}, DOUBLE for {@code FLOAT64}. */
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

  /** A parameter whose gradient accumulates straight into {@code gradient} (see {@link Tape#leaf(ParamGradient)}). */
  Nd4jTensor variable(INDArray value, ParamGradient gradient) {
    return tape == null ? Nd4jTensor.constant(value) : new Nd4jTensor(value, tape.leaf(gradient));
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

  /** Real values, time-major {@code ((t·B + b)·F + f)}, as a constant {@code [T, B, F]} array. */
  Nd4jTensor values(float[] timeMajor, int steps, int batch, int features) {
    INDArray a = Nd4j.create(timeMajor, new long[] {steps, batch, features}, DataType.FLOAT);
    return constant(arena.track(dtype == DataType.FLOAT ? a : arena.track(a).castTo(dtype)));
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

  @Override
  public Tensor add(Tensor a, Tensor b) {
    return Elementwise.add(this, a, b);
  }

  @Override
  public Tensor sub(Tensor a, Tensor b) {
    return Elementwise.sub(this, a, b);
  }

  @Override
  public Tensor mul(Tensor a, Tensor b) {
    return Elementwise.mul(this, a, b);
  }

  @Override
  public Tensor scale(Tensor a, double factor) {
    return Elementwise.scale(this, a, factor);
  }

  @Override
  public Tensor oneMinus(Tensor a) {
    return Elementwise.oneMinus(this, a);
  }

  @Override
  public Tensor sigmoid(Tensor a) {
    return Elementwise.sigmoid(this, a);
  }

  @Override
  public Tensor tanh(Tensor a) {
    return Elementwise.tanh(this, a);
  }

  @Override
  public Tensor relu(Tensor a) {
    return Elementwise.relu(this, a);
  }

  @Override
  public List<Tensor> split(Tensor a, int parts) {
    return Blocks.split(this, a, parts);
  }

  @Override
  public Tensor concat(List<Tensor> parts) {
    return Blocks.concat(this, parts);
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
  public Step recurrent(String scope, RecurrentCell cell, Params w, Tensor x, State initial) {
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

  /** The fused output kernel where {@link FusedOutput} allows, else the generic composition. */
  @Override
  public Tensor projectedCrossEntropy(Tensor h, Tensor w, Tensor b, Tensor targets) {
    return output.run(this, t(h), t(w), t(b), t(targets).value())
        .<Tensor>map(loss -> loss)
        .orElseGet(() -> LayerOps.super.projectedCrossEntropy(h, w, b, targets));
  }

  @Override
  public Tensor meanSquaredError(Tensor predictions, Tensor targets) {
    return Normalization.meanSquaredError(this, predictions, targets);
  }

  @Override
  public Tensor layerNorm(Tensor a, double epsilon) {
    return Normalization.layerNorm(this, a, epsilon);
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
