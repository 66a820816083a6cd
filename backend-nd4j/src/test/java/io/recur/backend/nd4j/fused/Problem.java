package io.recur.backend.nd4j.fused;

import io.recur.core.cell.GruCell;
import io.recur.core.cell.LstmCell;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.RnnCell;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A random problem for one built-in cell: sizes, input {@code [T, B, I]}, parameters, initial
 * state and incoming gradients. Every value is a float32 number, so the float32 kernel and the
 * float64 reference see exactly the same inputs.
 */
final class Problem {
  /** The built-in cells that have a kernel. */
  enum Kind {
    LSTM, GRU, RNN_TANH, RNN_RELU
  }

  final Kind kind;
  final int steps;
  final int batch;
  final int inputSize;
  final int hidden;
  final RecurrentCell cell;
  final ReferenceCell reference;
  final double[] x;
  final Map<String, double[]> params = new LinkedHashMap<>();
  final List<double[]> initialState = new ArrayList<>();
  final double[] dOutput;
  final List<double[]> dFinalState = new ArrayList<>();

  Problem(Kind kind, int steps, int batch, int inputSize, int hidden, long seed) {
    this.kind = kind;
    this.steps = steps;
    this.batch = batch;
    this.inputSize = inputSize;
    this.hidden = hidden;
    this.cell = switch (kind) {
      case LSTM -> new LstmCell(inputSize, hidden);
      case GRU -> new GruCell(inputSize, hidden);
      case RNN_TANH -> RnnCell.tanh(inputSize, hidden);
      case RNN_RELU -> RnnCell.relu(inputSize, hidden);
    };
    this.reference = switch (kind) {
      case LSTM -> new ReferenceLstm(inputSize, hidden);
      case GRU -> new ReferenceGru(inputSize, hidden);
      case RNN_TANH -> new ReferenceRnn(inputSize, hidden, false);
      case RNN_RELU -> new ReferenceRnn(inputSize, hidden, true);
    };
    Rng rng = new Rng(seed);
    // Weights scaled like Xavier but a little larger, so that gates use their whole range.
    double scale = 1.5 / Math.sqrt(inputSize + hidden);
    this.x = gaussian(rng, steps * batch * inputSize, 1);
    reference.paramSizes().forEach((name, size) -> params.put(name, gaussian(rng, size, name.startsWith("W") ? scale : 0.5)));
    for (int s = 0; s < reference.stateCount(); s++) {
      initialState.add(gaussian(rng, batch * hidden, 0.5));
      dFinalState.add(gaussian(rng, batch * hidden, 1));
    }
    this.dOutput = gaussian(rng, steps * batch * hidden, 1);
  }

  /** Replaces the input by one-hot rows of random tokens (the character model's encoding). */
  Problem oneHot() {
    Rng rng = new Rng(steps * 31L + batch);
    java.util.Arrays.fill(x, 0);
    for (int r = 0; r < steps * batch; r++) {
      x[r * inputSize + rng.nextInt(inputSize)] = 1;
    }
    return this;
  }

  private static double[] gaussian(Rng rng, int n, double sd) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (rng.nextGaussian() * sd);
    }
    return v;
  }

  ReferenceRun referenceRun() {
    return new ReferenceRun(reference, steps, batch, x, params, initialState);
  }

  INDArray xArray() {
    return array(x, steps, batch, inputSize);
  }

  Map<String, INDArray> paramArrays() {
    Map<String, INDArray> m = new LinkedHashMap<>();
    cell.params().forEach(spec -> m.put(spec.name(), array(params.get(spec.name()), toLong(spec.shape()))));
    return m;
  }

  List<INDArray> stateArrays() {
    return initialState.stream().map(s -> array(s, batch, hidden)).toList();
  }

  INDArray dOutputArray() {
    return array(dOutput, steps, batch, hidden);
  }

  List<INDArray> dFinalStateArrays() {
    return dFinalState.stream().map(s -> array(s, batch, hidden)).toList();
  }

  static INDArray array(double[] v, long... shape) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return Nd4j.create(f, shape, 'c').castTo(DataType.FLOAT);
  }

  /** A zero float32 array of {@code shape} as a block. */
  static FloatBlock zeros(long... shape) {
    return FloatBlock.of(Nd4j.zeros(DataType.FLOAT, shape));
  }

  static double[] values(INDArray a) {
    return a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
  }

  private static long[] toLong(int[] shape) {
    long[] l = new long[shape.length];
    for (int i = 0; i < shape.length; i++) {
      l[i] = shape[i];
    }
    return l;
  }

  @Override
  public String toString() {
    return kind + " T=" + steps + " B=" + batch + " I=" + inputSize + " H=" + hidden;
  }
}
