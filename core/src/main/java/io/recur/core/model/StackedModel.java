package io.recur.core.model;

import io.recur.core.InvalidInputException;
import io.recur.core.cell.CellConfig;
import io.recur.core.cell.CellFactory;
import io.recur.core.cell.CellRegistry;
import io.recur.core.cell.ParamSpec;
import io.recur.core.cell.Params;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.State;
import io.recur.core.cell.Step;
import io.recur.core.check.CellCheck;
import io.recur.core.layer.LayerOps;
import io.recur.core.layer.RecurrentLayer;
import io.recur.core.ops.Initializer;
import io.recur.core.ops.Initializers;
import io.recur.core.tensor.Tensor;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What both model families share: a stack of recurrent layers of one cell between an input
 * encoding and an output head, the parameter table (input parameters, then {@code layer0},
 * {@code layer1}, …, then the head's), initialisation and compatibility checks. Building one
 * checks its cell ({@link CellCheck}): a broken custom cell fails here, naming what is wrong.
 */
abstract sealed class StackedModel implements SequenceModel permits LanguageModel, SeriesModel {
  private final ModelSpec spec;
  private final List<RecurrentLayer> layers;
  private final Map<ParamKey, ParamSpec> parameters;

  /**
   * @param input parameters of the input encoding, first in the table
   * @param head builds the head's parameters from the width of the top layer's output
   */
  StackedModel(ModelSpec spec, CellRegistry cells, Map<ParamKey, ParamSpec> input,
      Function<Integer, Map<ParamKey, ParamSpec>> head) {
    this.spec = spec;
    List<RecurrentLayer> ls = new ArrayList<>();
    Map<ParamKey, ParamSpec> ps = new LinkedHashMap<>(input);
    int width = spec.inputSize();
    CellFactory factory = spec.layers() > 0 ? cells.resolve(spec.cell()) : null;
    for (int l = 0; l < spec.layers(); l++) {
      RecurrentCell cell = factory.create(new CellConfig(width, spec.hidden(), spec.cellOptions()));
      CellCheck.declarations(spec.cell(), cell, width, spec.hidden());
      RecurrentLayer layer = new RecurrentLayer("layer" + l, cell);
      ls.add(layer);
      for (ParamSpec p : cell.params()) {
        ps.put(ParamKey.of(layer.scope(), p.name()), p);
      }
      width = cell.hiddenSize();
    }
    if (!ls.isEmpty()) {
      CellCheck.dryRun(spec.cell(), factory, spec.cellOptions(), ls.get(0).cell());
    }
    ps.putAll(head.apply(width));
    this.layers = List.copyOf(ls);
    this.parameters = Collections.unmodifiableMap(ps);
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public List<RecurrentLayer> layers() {
    return layers;
  }

  @Override
  public Map<ParamKey, ParamSpec> parameters() {
    return parameters;
  }

  @Override
  public ParameterSet initialize(Initializers.Scheme scheme, long seed) {
    Rng root = new Rng(seed);
    Map<ParamKey, FloatArray> values = new LinkedHashMap<>();
    parameters.forEach((key, p) -> {
      Initializer init = p.initializer().orElse(
          p.role() == ParamSpec.Role.WEIGHT ? scheme.initializer() : Initializers.zeros());
      values.put(key, new FloatArray(p.shape(), init.initialize(p.shape(), root.fork(key.toString()))));
    });
    return new ParameterSet(values);
  }

  @Override
  public void checkCompatible(ParameterSet params, String what) {
    for (ParamKey k : parameters.keySet()) {
      if (!params.contains(k)) {
        throw new InvalidInputException(what + " lacks parameter " + k + " that a " + spec.cell()
            + " model needs; it was made for another architecture (cell, layer count or weight tying)");
      }
    }
    for (ParamKey k : params.keys()) {
      if (!parameters.containsKey(k)) {
        throw new InvalidInputException(what + " has parameter " + k + " that a " + spec.cell()
            + " model does not; it was made for another architecture (cell, layer count, input encoding or weight tying)");
      }
    }
    parameters.forEach((k, p) -> {
      if (!params.get(k).sameShape(p.shape())) {
        throw new InvalidInputException(what + " has " + k + " of shape " + Arrays.toString(params.get(k).shape())
            + " but the model needs " + Arrays.toString(p.shape()) + "; check --hidden, --embed and the vocabulary");
      }
    });
  }

  /** Runs the recurrent layers over {@code x}, with dropout after each when {@code drop}. */
  final Output runLayers(LayerOps ops, Function<ParamKey, Tensor> params, Tensor x, List<State> states, boolean drop) {
    if (states.size() != layers.size()) {
      throw new IllegalArgumentException("expected " + layers.size() + " layer states, got " + states.size());
    }
    List<State> next = new ArrayList<>(layers.size());
    for (RecurrentLayer layer : layers) {
      Step out = layer.forward(ops, cellParams(layer, params), x, states.get(next.size()));
      next.add(out.state());
      x = out.output();
      if (drop) {
        x = ops.dropout(x, spec.dropout());
      }
    }
    return new Output(x, next);
  }

  /** The parameters of one layer, looked up by the names its cell declared. */
  static Params cellParams(RecurrentLayer layer, Function<ParamKey, Tensor> params) {
    List<String> declared = layer.cell().params().stream().map(ParamSpec::name).toList();
    return name -> {
      if (!declared.contains(name)) {
        throw new IllegalArgumentException(layer.cell() + " asked for parameter '" + name
            + "', which it does not declare; declared: " + declared);
      }
      return params.apply(ParamKey.of(layer.scope(), name));
    };
  }
}
