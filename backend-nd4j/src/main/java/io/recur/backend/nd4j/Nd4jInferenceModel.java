package io.recur.backend.nd4j;

import io.recur.backend.nd4j.fused.StepModel;
import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.InferenceSession;
import io.recur.core.config.FusedMode;
import io.recur.core.layer.RecurrentLayer;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.SequenceModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.util.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model loaded for inference on ND4J: float32 parameters that nothing writes after loading, so
 * any number of threads may run {@link Nd4jInferenceSession}s over it at once, each with its own
 * state. Runs tape-free: calls of a few rows through a {@link StepModel} (every cell built in,
 * fused kernels allowed), larger ones through the fused kernels' forward pass where one applies,
 * anything else on the generic ops.
 */
final class Nd4jInferenceModel implements InferenceModel {
  private final SequenceModel model;
  private final ParameterArrays params;
  private final Recurrence recurrence;
  private final Optional<StepModel> stepModel;
  private volatile boolean closed;

  Nd4jInferenceModel(SequenceModel model, ParameterSet values, Recurrence recurrence) {
    model.checkCompatible(values, "the model's parameters");
    this.model = model;
    this.params = ParameterArrays.copyOf(values);
    this.recurrence = recurrence;
    this.stepModel = recurrence.mode() == FusedMode.OFF ? Optional.empty() : stepModel(model, params);
  }

  /** A language model's network laid out for stepping, when every cell is a built-in one. */
  private static Optional<StepModel> stepModel(SequenceModel model, ParameterArrays params) {
    if (!(model instanceof LanguageModel language) || model.layers().isEmpty()) {
      return Optional.empty();
    }
    List<StepModel.Layer> layers = new ArrayList<>();
    for (RecurrentLayer layer : model.layers()) {
      Map<String, INDArray> p = new LinkedHashMap<>();
      layer.cell().params().forEach(spec -> p.put(spec.name(), params.get(ParamKey.of(layer.scope(), spec.name()))));
      layers.add(new StepModel.Layer(layer.cell(), p));
    }
    INDArray embedding = model.spec().embed() > 0 ? params.get(LanguageModel.EMBEDDING) : null;
    return StepModel.of(model.spec().vocabSize(), embedding, layers, params.get(language.outputWeight()),
        params.get(LanguageModel.OUTPUT_BIAS));
  }

  @Override
  public ModelSpec spec() {
    return model.spec();
  }

  @Override
  public String backend() {
    return "nd4j";
  }

  @Override
  public InferenceSession newSession(int batch) {
    if (closed) {
      throw new IllegalStateException("this inference model is closed");
    }
    return new Nd4jInferenceSession(this, Checks.positive("batch", batch));
  }

  SequenceModel model() {
    return model;
  }

  ParameterArrays params() {
    return params;
  }

  Recurrence recurrence() {
    return recurrence;
  }

  /** The network laid out for stepping a few rows, when every cell is a built-in one and fused kernels are allowed. */
  Optional<StepModel> stepModel() {
    return stepModel;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      params.close();
    }
  }
}
