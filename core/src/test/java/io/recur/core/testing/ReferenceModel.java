package io.recur.core.testing;

import io.recur.core.cell.CellRegistry;
import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.check.ReferenceOps;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.SequenceModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link LanguageModel} on {@link ReferenceOps} in float64, keeping its state between
 * calls: the reference for logits and perplexities in cross-backend tests.
 */
public final class ReferenceModel {
  private final LanguageModel model;
  private final Map<ParamKey, Tensor> params = new HashMap<>();
  private final ReferenceOps ops = new ReferenceOps();
  private List<State> states;
  private int batch = -1;

  public ReferenceModel(ModelSpec spec, ParameterSet parameters) {
    this.model = new LanguageModel(spec, CellRegistry.withBuiltIns());
    parameters.forEach((k, a) -> params.put(k, ReferenceOps.of(a.data(), a.shape())));
  }

  /** Feeds {@code tokens[b][t]}; returns logits {@code [T, B, V]} flattened, time-major. */
  public double[] forward(int[][] tokens) {
    if (tokens.length != batch) {
      batch = tokens.length;
      reset();
    }
    SequenceModel.Output out = model.forward(ops, params::get, ReferenceOps.tokens(tokens), states, false);
    states = out.states();
    return ReferenceOps.values(model.head(ops, params::get, out.features()));
  }

  /** Mean cross-entropy of {@code targets} after feeding {@code inputs} (state carried). */
  public double loss(int[][] inputs, int[][] targets) {
    if (inputs.length != batch) {
      batch = inputs.length;
      reset();
    }
    SequenceModel.Output out = model.forward(ops, params::get, ReferenceOps.tokens(inputs), states, false);
    states = out.states();
    return ReferenceOps.values(model.loss(ops, params::get, out.features(), ReferenceOps.tokens(targets)))[0];
  }

  public void reset() {
    states = new ArrayList<>();
    for (List<StateSpec> layer : model.stateSpecs()) {
      List<Tensor> s = new ArrayList<>();
      for (StateSpec spec : layer) {
        s.add(ReferenceOps.zeros(Math.max(batch, 1), spec.size()));
      }
      states.add(new State(s));
    }
  }

}
