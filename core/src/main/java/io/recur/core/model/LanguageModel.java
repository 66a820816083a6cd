package io.recur.core.model;

import io.recur.core.InvalidInputException;
import io.recur.core.cell.CellConfig;
import io.recur.core.cell.CellRegistry;
import io.recur.core.cell.ParamSpec;
import io.recur.core.cell.Params;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.cell.Step;
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
 * A recurrent language model built from a {@link ModelSpec}, written once against
 * {@link LayerOps}: every backend trains it, runs it and exports it through this one
 * definition.
 *
 * <p>Parameters: {@code embedding.weight [V, E]} (only when {@code embed > 0}), the cell
 * parameters of each layer under {@code layer0}, {@code layer1}, …, {@code output.weight [V, H]}
 * and {@code output.bias [V]}.
 */
public final class LanguageModel {
  public static final ParamKey EMBEDDING = ParamKey.of("embedding", "weight");
  public static final ParamKey OUTPUT_WEIGHT = ParamKey.of("output", "weight");
  public static final ParamKey OUTPUT_BIAS = ParamKey.of("output", "bias");

  private final ModelSpec spec;
  private final List<RecurrentLayer> layers;
  private final Map<ParamKey, ParamSpec> parameters;

  public LanguageModel(ModelSpec spec, CellRegistry cells) {
    this.spec = spec;
    List<RecurrentLayer> ls = new ArrayList<>();
    Map<ParamKey, ParamSpec> ps = new LinkedHashMap<>();
    if (spec.embed() > 0) {
      ps.put(EMBEDDING, ParamSpec.weight("weight", spec.vocabSize(), spec.embed()));
    }
    int input = spec.inputSize();
    for (int l = 0; l < spec.layers(); l++) {
      RecurrentCell cell = cells.resolve(spec.cell()).create(new CellConfig(input, spec.hidden(), spec.forgetBias()));
      checkCell(cell, input, spec.hidden());
      RecurrentLayer layer = new RecurrentLayer("layer" + l, cell);
      ls.add(layer);
      for (ParamSpec p : cell.params()) {
        if (ps.put(ParamKey.of(layer.scope(), p.name()), p) != null) {
          throw new IllegalArgumentException(cell + " declares parameter '" + p.name() + "' twice");
        }
      }
      input = cell.hiddenSize();
    }
    ps.put(OUTPUT_WEIGHT, ParamSpec.weight("weight", spec.vocabSize(), input));
    ps.put(OUTPUT_BIAS, ParamSpec.bias("bias", spec.vocabSize()));
    this.layers = List.copyOf(ls);
    this.parameters = Collections.unmodifiableMap(ps);
  }

  private static void checkCell(RecurrentCell cell, int input, int hidden) {
    if (cell.inputSize() != input || cell.hiddenSize() != hidden) {
      throw new IllegalArgumentException(cell + " was asked for sizes (" + input + ", " + hidden
          + ") but reports (" + cell.inputSize() + ", " + cell.hiddenSize() + ")");
    }
    if (cell.state().isEmpty()) {
      throw new IllegalArgumentException(cell + " declares no state; a recurrent cell carries at least one state vector");
    }
  }

  public ModelSpec spec() {
    return spec;
  }

  public List<RecurrentLayer> layers() {
    return layers;
  }

  /** Every parameter with its shape, in a fixed order. */
  public Map<ParamKey, ParamSpec> parameters() {
    return parameters;
  }

  /** The state each layer carries. */
  public List<List<StateSpec>> stateSpecs() {
    return layers.stream().map(l -> l.cell().state()).toList();
  }

  /**
   * Fresh parameters: weights from {@code scheme} unless a cell chose its own initialiser, biases
   * zero. Each parameter draws from its own stream, forked from {@code seed} by its name.
   */
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

  /** Checks that {@code params} has exactly this model's parameters (names first, then shapes). */
  public void checkCompatible(ParameterSet params, String what) {
    for (ParamKey k : parameters.keySet()) {
      if (!params.contains(k)) {
        throw new InvalidInputException(what + " lacks parameter " + k + " that a " + spec.cell()
            + " model needs; it was made for another architecture (cell or layer count)");
      }
    }
    for (ParamKey k : params.keys()) {
      if (!parameters.containsKey(k)) {
        throw new InvalidInputException(what + " has parameter " + k + " that a " + spec.cell()
            + " model does not; it was made for another architecture (cell, layer count or input encoding)");
      }
    }
    parameters.forEach((k, p) -> {
      if (!params.get(k).sameShape(p.shape())) {
        throw new InvalidInputException(what + " has " + k + " of shape " + Arrays.toString(params.get(k).shape())
            + " but the model needs " + Arrays.toString(p.shape()) + "; check --hidden, --embed and the vocabulary");
      }
    });
  }

  /** The logits and the state after the last step. */
  public record Output(Tensor logits, List<State> states) {}

  /**
   * The forward pass.
   *
   * @param params the model's parameters as the backend's tensors
   * @param tokens integer ids {@code [T, B]}
   * @param states one state per layer (zeros at the start of a text)
   * @param training whether dropout is active
   * @return logits {@code [T, B, V]} and the new states
   */
  public Output forward(LayerOps ops, Function<ParamKey, Tensor> params, Tensor tokens, List<State> states, boolean training) {
    if (states.size() != layers.size()) {
      throw new IllegalArgumentException("expected " + layers.size() + " layer states, got " + states.size());
    }
    boolean drop = training && spec.dropout() > 0;
    Tensor x;
    if (spec.embed() > 0) {
      x = ops.embedding(params.apply(EMBEDDING), tokens);
      if (drop) {
        x = ops.dropout(x, spec.dropout());
      }
    } else {
      x = ops.oneHot(tokens, spec.vocabSize());
    }
    List<State> next = new ArrayList<>(layers.size());
    for (int l = 0; l < layers.size(); l++) {
      RecurrentLayer layer = layers.get(l);
      Step out = layer.forward(ops, cellParams(layer, params), x, states.get(l));
      next.add(out.state());
      x = out.output();
      if (drop) {
        x = ops.dropout(x, spec.dropout());
      }
    }
    Tensor logits = ops.add(ops.linear(x, params.apply(OUTPUT_WEIGHT)), params.apply(OUTPUT_BIAS));
    return new Output(logits, next);
  }

  /** Mean cross-entropy of the next-token predictions: a scalar. */
  public Tensor loss(LayerOps ops, Tensor logits, Tensor targets) {
    return ops.softmaxCrossEntropy(logits, targets);
  }

  /** The parameters of one layer, looked up by the names its cell declared. */
  public static Params cellParams(RecurrentLayer layer, Function<ParamKey, Tensor> params) {
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
