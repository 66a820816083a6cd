package io.recur.core.model;

import io.recur.core.cell.CellRegistry;
import io.recur.core.cell.ParamSpec;
import io.recur.core.cell.State;
import io.recur.core.layer.LayerOps;
import io.recur.core.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A recurrent regressor for real-valued series: values {@code [T, B, F]} → recurrent layers → a
 * linear head to {@code D} values per step; loss: mean squared error. With no layers (cell
 * {@code linear}) the head reads the inputs directly — a linear autoregressive model when the
 * inputs are the last τ values.
 *
 * <p>Parameters: the cell parameters of each layer under {@code layer0}, …, then
 * {@code head.weight [D, H]} ({@code [D, F]} without layers) and {@code head.bias [D]}.
 */
public final class SeriesModel extends StackedModel {
  public static final ParamKey HEAD_WEIGHT = ParamKey.of("head", "weight");
  public static final ParamKey HEAD_BIAS = ParamKey.of("head", "bias");

  public SeriesModel(ModelSpec spec, CellRegistry cells) {
    super(requireSeries(spec), cells, Map.of(), width -> head(spec, width));
  }

  private static ModelSpec requireSeries(ModelSpec spec) {
    if (spec.task() != ModelSpec.Task.SERIES) {
      throw new IllegalArgumentException("a series model needs a series spec, got " + spec.task());
    }
    return spec;
  }

  private static Map<ParamKey, ParamSpec> head(ModelSpec spec, int width) {
    Map<ParamKey, ParamSpec> m = new LinkedHashMap<>();
    m.put(HEAD_WEIGHT, ParamSpec.weight("weight", spec.outputs(), width));
    m.put(HEAD_BIAS, ParamSpec.bias("bias", spec.outputs()));
    return m;
  }

  @Override
  public Objective objective() {
    return Objective.SQUARED_ERROR;
  }

  @Override
  public Output forward(LayerOps ops, Function<ParamKey, Tensor> params, Tensor values, List<State> states, boolean training) {
    return runLayers(ops, params, values, states, training && spec().dropout() > 0);
  }

  /** Predicted values {@code [T, B, D]}. */
  @Override
  public Tensor head(LayerOps ops, Function<ParamKey, Tensor> params, Tensor features) {
    return ops.add(ops.linear(features, params.apply(HEAD_WEIGHT)), params.apply(HEAD_BIAS));
  }

  /** Mean squared error of the predictions against values {@code [T, B, D]}. */
  @Override
  public Tensor loss(LayerOps ops, Function<ParamKey, Tensor> params, Tensor features, Tensor targets) {
    return ops.meanSquaredError(head(ops, params, features), targets);
  }
}
