package io.recur.core.model;

import io.recur.core.cell.CellRegistry;
import io.recur.core.cell.ParamSpec;
import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.layer.LayerOps;
import io.recur.core.layer.RecurrentLayer;
import io.recur.core.ops.Initializers;
import io.recur.core.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A recurrent model of sequences, written once against {@link LayerOps}: every backend trains it,
 * runs it and exports it through this one definition. Two families implement it —
 * {@link LanguageModel} (tokens in, next-token logits out, cross-entropy) and {@link SeriesModel}
 * (values in, next values out, squared error); training, checkpoints, backends, export and
 * inference take either.
 *
 * <p>A pass is {@link #forward} (input encoding and the recurrent layers, giving the top layer's
 * features {@code [T, B, H]}) followed by {@link #head} (what the model predicts) or {@link #loss}
 * (how wrong that is, which a backend may compute without materialising the predictions).
 */
public interface SequenceModel {
  ModelSpec spec();

  List<RecurrentLayer> layers();

  /** Every parameter with its shape, in a fixed order. */
  Map<ParamKey, ParamSpec> parameters();

  /** What the loss measures and how it is reported. */
  Objective objective();

  /** The state each layer carries. */
  default List<List<StateSpec>> stateSpecs() {
    return layers().stream().map(l -> l.cell().state()).toList();
  }

  /**
   * Fresh parameters: weights from {@code scheme} unless a cell chose its own initialiser, biases
   * zero. Each parameter draws from its own stream, forked from {@code seed} by its name.
   */
  ParameterSet initialize(Initializers.Scheme scheme, long seed);

  /** Checks that {@code params} has exactly this model's parameters (names first, then shapes). */
  void checkCompatible(ParameterSet params, String what);

  /** The top layer's output and the state after the last step. */
  record Output(Tensor features, List<State> states) {}

  /**
   * Encodes the inputs and runs the recurrent layers.
   *
   * @param params the model's parameters as the backend's tensors
   * @param inputs token ids {@code [T, B]} (language) or values {@code [T, B, F]} (series)
   * @param states one state per layer (zeros at the start of a sequence)
   * @param training whether dropout is active
   */
  Output forward(LayerOps ops, Function<ParamKey, Tensor> params, Tensor inputs, List<State> states, boolean training);

  /** The predictions for {@link Output#features()}: logits {@code [T, B, V]} or values {@code [T, B, D]}. */
  Tensor head(LayerOps ops, Function<ParamKey, Tensor> params, Tensor features);

  /** The mean loss of the predictions for {@code features} against {@code targets}: a scalar. */
  Tensor loss(LayerOps ops, Function<ParamKey, Tensor> params, Tensor features, Tensor targets);

  /** The model a spec describes, its cells looked up in {@code cells}. */
  static SequenceModel of(ModelSpec spec, CellRegistry cells) {
    return switch (spec.task()) {
      case LANGUAGE -> new LanguageModel(spec, cells);
      case SERIES -> new SeriesModel(spec, cells);
    };
  }
}
