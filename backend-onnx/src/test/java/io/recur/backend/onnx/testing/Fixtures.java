package io.recur.backend.onnx.testing;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.recur.backend.onnx.export.RecurMetadata;
import io.recur.core.cell.CellFactory;
import io.recur.core.cell.CellRegistry;
import io.recur.core.cell.ParamSpec;
import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.model.FloatArray;
import io.recur.core.model.SequenceModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.tensor.Tensor;
import io.recur.core.testing.MguCell;
import io.recur.core.testing.PeepholeLstmCell;
import io.recur.core.check.ReferenceOps;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Models, parameters, inputs and the float64 reference shared by this module's tests. */
public final class Fixtures {
  private Fixtures() {}

  /** The built-in cells plus the test's custom cells, {@code peephole} and {@code mgu}. */
  public static CellRegistry cells() {
    Map<String, CellFactory> m = new LinkedHashMap<>(CellRegistry.builtIns());
    m.put("peephole", PeepholeLstmCell::new);
    m.put("mgu", MguCell::new);
    return new CellRegistry(m);
  }

  /**
   * Random parameters with every value non-zero — biases too, so that a bias in the wrong place
   * changes the numbers: weights uniform in ±1.2/√fan_in, vectors uniform in ±0.5.
   */
  public static ParameterSet randomParams(ModelSpec spec, long seed) {
    SequenceModel model = SequenceModel.of(spec, cells());
    Rng rng = new Rng(seed);
    Map<ParamKey, FloatArray> values = new LinkedHashMap<>();
    model.parameters().forEach((key, p) -> {
      Rng r = rng.fork(key.toString());
      int[] shape = p.shape();
      double limit = p.role() == ParamSpec.Role.WEIGHT && shape.length == 2 ? 1.2 / Math.sqrt(shape[1]) : 0.5;
      float[] data = new float[p.size()];
      for (int i = 0; i < data.length; i++) {
        data[i] = (float) ((2 * r.nextDouble() - 1) * limit);
      }
      values.put(key, new FloatArray(shape, data));
    });
    return new ParameterSet(values);
  }

  /**
   * {@code model}'s bytes with its {@link RecurMetadata#CHECKSUM} stamped anew over what it holds
   * now: a damaged model that passes every check of the file, as a hand-edited one would.
   */
  public static byte[] restamped(ModelProto model) {
    Map<String, String> props = new LinkedHashMap<>();
    model.getMetadataPropsList().forEach(e -> props.put(e.getKey(), e.getValue()));
    String checksum = RecurMetadata.checksum(model, props);
    ModelProto.Builder b = model.toBuilder();
    b.getMetadataPropsBuilderList().stream().filter(e -> e.getKey().equals(RecurMetadata.CHECKSUM))
        .forEach(e -> e.setValue(checksum));
    return b.build().toByteArray();
  }

  /** Token ids {@code [batch][steps]}. */
  public static int[][] tokens(int batch, int steps, int vocab, long seed) {
    Rng rng = new Rng(seed);
    int[][] t = new int[batch][steps];
    for (int[] row : t) {
      for (int s = 0; s < steps; s++) {
        row[s] = rng.nextInt(vocab);
      }
    }
    return t;
  }

  /** Random states {@code [batch, size]} for every state vector of the model, in signature order. */
  public static float[][] randomStates(ModelSpec spec, int batch, long seed) {
    Rng rng = new Rng(seed);
    List<float[]> out = new ArrayList<>();
    for (List<StateSpec> layer : SequenceModel.of(spec, cells()).stateSpecs()) {
      for (StateSpec s : layer) {
        float[] v = new float[batch * s.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (2 * rng.nextDouble() - 1) * 0.8f;
        }
        out.add(v);
      }
    }
    return out.toArray(float[][]::new);
  }

  /** Standard-normal values {@code [batch][steps][features]}. */
  public static float[][][] values(int batch, int steps, int features, long seed) {
    Rng rng = new Rng(seed);
    float[][][] v = new float[batch][steps][features];
    for (float[][] row : v) {
      for (float[] step : row) {
        for (int f = 0; f < features; f++) {
          step[f] = (float) rng.nextGaussian();
        }
      }
    }
    return v;
  }

  /** Time-major {@code [T·B·F]} values from {@code [B][T][F]}. */
  public static float[] timeMajor(float[][][] values) {
    int b = values.length;
    int t = values[0].length;
    int f = values[0][0].length;
    float[] out = new float[t * b * f];
    for (int r = 0; r < b; r++) {
      for (int s = 0; s < t; s++) {
        System.arraycopy(values[r][s], 0, out, (s * b + r) * f, f);
      }
    }
    return out;
  }

  /** Time-major {@code [T·B]} ids from {@code [B][T]}. */
  public static long[] timeMajor(int[][] tokens) {
    int b = tokens.length;
    int t = tokens[0].length;
    long[] out = new long[t * b];
    for (int r = 0; r < b; r++) {
      for (int s = 0; s < t; s++) {
        out[s * b + r] = tokens[r][s];
      }
    }
    return out;
  }

  /** The float64 reference's logits {@code [T·B·V]} (a series model: predictions {@code [T·B·D]}) and final states, in signature order. */
  public record Result(double[] logits, double[][] states) {}

  /** Runs the model on {@link ReferenceOps} (float64) from the given states. */
  public static Result reference(ModelSpec spec, ParameterSet params, int[][] tokens, float[][] states) {
    return reference(spec, params, ReferenceOps.tokens(tokens), tokens.length, states);
  }

  /** Runs a series model on {@link ReferenceOps} (float64) from the given states: predictions and final states. */
  public static Result reference(ModelSpec spec, ParameterSet params, float[][][] values, float[][] states) {
    return reference(spec, params, ReferenceOps.of(timeMajor(values), values[0].length, values.length, spec.features()),
        values.length, states);
  }

  private static Result reference(ModelSpec spec, ParameterSet params, Tensor inputs, int batch, float[][] states) {
    SequenceModel model = SequenceModel.of(spec, cells());
    Map<ParamKey, Tensor> p = new HashMap<>();
    params.forEach((k, a) -> p.put(k, ReferenceOps.of(a.data(), a.shape())));
    List<State> initial = new ArrayList<>();
    int i = 0;
    for (List<StateSpec> layer : model.stateSpecs()) {
      List<Tensor> s = new ArrayList<>();
      for (StateSpec spec1 : layer) {
        s.add(ReferenceOps.of(states[i++], batch, spec1.size()));
      }
      initial.add(new State(s));
    }
    ReferenceOps ops = new ReferenceOps();
    SequenceModel.Output out = model.forward(ops, p::get, inputs, initial, false);
    List<double[]> finals = new ArrayList<>();
    for (State s : out.states()) {
      for (Tensor t : s.values()) {
        finals.add(ReferenceOps.values(t));
      }
    }
    return new Result(ReferenceOps.values(model.head(ops, p::get, out.features())), finals.toArray(double[][]::new));
  }

  /** The largest absolute difference of two equally long arrays. */
  public static double maxAbsDiff(float[] actual, double[] expected) {
    if (actual.length != expected.length) {
      throw new AssertionError("lengths differ: " + actual.length + " vs " + expected.length);
    }
    double max = 0;
    for (int i = 0; i < actual.length; i++) {
      double d = Math.abs(actual[i] - expected[i]);
      if (Double.isNaN(d)) {
        return Double.NaN;
      }
      max = Math.max(max, d);
    }
    return max;
  }

  public static double maxAbsDiff(float[] actual, float[] expected) {
    double[] e = new double[expected.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = expected[i];
    }
    return maxAbsDiff(actual, e);
  }
}
