package io.recur.backend.nd4j;

import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.InferenceSession;
import io.recur.core.model.SequenceModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.util.Checks;

/**
 * A model loaded for inference on ND4J: float32 parameters that nothing writes after loading, so
 * any number of threads may run {@link Nd4jInferenceSession}s over it at once, each with its own
 * state. Runs tape-free, through the fused kernels' forward pass where one applies.
 */
final class Nd4jInferenceModel implements InferenceModel {
  private final SequenceModel model;
  private final ParameterArrays params;
  private final Recurrence recurrence;
  private volatile boolean closed;

  Nd4jInferenceModel(SequenceModel model, ParameterSet values, Recurrence recurrence) {
    model.checkCompatible(values, "the model's parameters");
    this.model = model;
    this.params = ParameterArrays.copyOf(values);
    this.recurrence = recurrence;
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

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      params.close();
    }
  }
}
