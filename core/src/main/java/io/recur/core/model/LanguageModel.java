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
 * A recurrent language model: tokens → one-hot or embedding → recurrent layers → logits over the
 * vocabulary; loss: mean token cross-entropy ({@link LayerOps#projectedCrossEntropy}).
 *
 * <p>Parameters: {@code embedding.weight [V, E]} (only when {@code embed > 0}), the cell
 * parameters of each layer under {@code layer0}, {@code layer1}, …, {@code output.weight [V, H]}
 * (absent when tied: the embedding table is the output weight) and {@code output.bias [V]}.
 */
public final class LanguageModel extends StackedModel {
  public static final ParamKey EMBEDDING = ParamKey.of("embedding", "weight");
  public static final ParamKey OUTPUT_WEIGHT = ParamKey.of("output", "weight");
  public static final ParamKey OUTPUT_BIAS = ParamKey.of("output", "bias");

  public LanguageModel(ModelSpec spec, CellRegistry cells) {
    super(requireLanguage(spec), cells, input(spec), width -> head(spec, width));
  }

  private static ModelSpec requireLanguage(ModelSpec spec) {
    if (spec.task() != ModelSpec.Task.LANGUAGE) {
      throw new IllegalArgumentException("a language model needs a language spec, got " + spec.task());
    }
    return spec;
  }

  private static Map<ParamKey, ParamSpec> input(ModelSpec spec) {
    return spec.embed() > 0 ? Map.of(EMBEDDING, ParamSpec.weight("weight", spec.vocabSize(), spec.embed())) : Map.of();
  }

  private static Map<ParamKey, ParamSpec> head(ModelSpec spec, int width) {
    Map<ParamKey, ParamSpec> m = new LinkedHashMap<>();
    if (!spec.tied()) {
      m.put(OUTPUT_WEIGHT, ParamSpec.weight("weight", spec.vocabSize(), width));
    }
    m.put(OUTPUT_BIAS, ParamSpec.bias("bias", spec.vocabSize()));
    return m;
  }

  @Override
  public Objective objective() {
    return Objective.CROSS_ENTROPY;
  }

  /** The key of the output projection's weight: {@code output.weight}, or the embedding when tied. */
  public ParamKey outputWeight() {
    return spec().tied() ? EMBEDDING : OUTPUT_WEIGHT;
  }

  @Override
  public Output forward(LayerOps ops, Function<ParamKey, Tensor> params, Tensor tokens, List<State> states, boolean training) {
    boolean drop = training && spec().dropout() > 0;
    Tensor x;
    if (spec().embed() > 0) {
      x = ops.embedding(params.apply(EMBEDDING), tokens);
      if (drop) {
        x = ops.dropout(x, spec().dropout());
      }
    } else {
      x = ops.oneHot(tokens, spec().vocabSize());
    }
    return runLayers(ops, params, x, states, drop);
  }

  /** Logits {@code [T, B, V]}. */
  @Override
  public Tensor head(LayerOps ops, Function<ParamKey, Tensor> params, Tensor features) {
    return ops.add(ops.linear(features, params.apply(outputWeight())), params.apply(OUTPUT_BIAS));
  }

  /** Mean cross-entropy of the next-token predictions against token ids {@code [T, B]}. */
  @Override
  public Tensor loss(LayerOps ops, Function<ParamKey, Tensor> params, Tensor features, Tensor targets) {
    return ops.projectedCrossEntropy(features, params.apply(outputWeight()), params.apply(OUTPUT_BIAS), targets);
  }
}
