package io.recur.core.inference;

import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import io.recur.core.cell.CellRegistry;
import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.model.FloatArray;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.SequenceModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.ops.Initializers;
import io.recur.core.tensor.Tensor;
import io.recur.core.check.ReferenceOps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link LanguageModel} run on {@link ReferenceOps} (float64, plain Java) behind the inference
 * SPI: a realistic recurrent model whose logits depend on the whole history. The model and its
 * parameters are shared, read-only; each session has its own ops and state.
 */
final class ReferenceInferenceModel implements InferenceModel {
  private final ModelSpec spec;
  private final LanguageModel model;
  private final Map<ParamKey, Tensor> params = new HashMap<>();

  ReferenceInferenceModel(ModelSpec spec, ParameterSet parameters) {
    this.spec = spec;
    this.model = new LanguageModel(spec, CellRegistry.withBuiltIns());
    parameters.forEach((k, a) -> params.put(k, ReferenceOps.of(a.data(), a.shape())));
  }

  /**
   * A model of {@code cell} with uniform(±0.1) weights multiplied by {@code gain} (a gain above 1
   * makes the next-token distributions peaked enough for decoding to matter).
   */
  static ReferenceInferenceModel random(ModelSpec spec, long seed, float gain) {
    return new ReferenceInferenceModel(spec, randomParameters(spec, seed, gain));
  }

  /** The parameters {@link #random} uses. */
  static ParameterSet randomParameters(ModelSpec spec, long seed, float gain) {
    ParameterSet p = new LanguageModel(spec, CellRegistry.withBuiltIns()).initialize(Initializers.Scheme.UNIFORM, seed);
    Map<ParamKey, FloatArray> scaled = new LinkedHashMap<>();
    p.forEach((k, a) -> {
      float[] d = a.data().clone();
      for (int i = 0; i < d.length; i++) {
        d[i] *= gain;
      }
      scaled.put(k, new FloatArray(a.shape(), d));
    });
    return new ParameterSet(scaled);
  }

  static ModelSpec spec(String cell, int vocab, int embed, int hidden, int layers) {
    return ModelSpec.builder().cell(cell).vocabSize(vocab).embed(embed).hidden(hidden).layers(layers).build();
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public String backend() {
    return "test-reference";
  }

  @Override
  public InferenceSession newSession(int batch) {
    return new Session(batch);
  }

  @Override
  public void close() {}

  private final class Session implements InferenceSession {
    private final ReferenceOps ops = new ReferenceOps();
    private List<State> states;
    private int batch;

    Session(int batch) {
      this.batch = batch;
      reset();
    }

    @Override
    public int batchSize() {
      return batch;
    }

    @Override
    public Logits forward(int[][] tokens) {
      if (tokens.length != batch) {
        throw new IllegalArgumentException("session has " + batch + " rows, got " + tokens.length);
      }
      SequenceModel.Output out = model.forward(ops, params::get, ReferenceOps.tokens(tokens), states, false);
      states = out.states();
      double[] d = ReferenceOps.values(model.head(ops, params::get, out.features()));
      float[] f = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        f[i] = (float) d[i];
      }
      return new Logits(tokens[0].length, batch, spec.vocabSize(), f);
    }

    @Override
    public void reorder(int[] rows) {
      List<State> next = new ArrayList<>();
      for (State s : states) {
        List<Tensor> values = new ArrayList<>();
        for (Tensor t : s.values()) {
          ReferenceOps.Value v = (ReferenceOps.Value) t;
          int width = v.dims()[1];
          double[] d = new double[rows.length * width];
          for (int i = 0; i < rows.length; i++) {
            System.arraycopy(v.data(), rows[i] * width, d, i * width, width);
          }
          values.add(ReferenceOps.of(d, rows.length, width));
        }
        next.add(new State(values));
      }
      states = next;
      batch = rows.length;
    }

    @Override
    public void reset() {
      states = new ArrayList<>();
      for (List<StateSpec> layer : model.stateSpecs()) {
        List<Tensor> s = new ArrayList<>();
        for (StateSpec st : layer) {
          s.add(ReferenceOps.zeros(batch, st.size()));
        }
        states.add(new State(s));
      }
    }

    @Override
    public void close() {}
  }
}
