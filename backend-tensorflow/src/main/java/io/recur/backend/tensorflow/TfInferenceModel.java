package io.recur.backend.tensorflow;

import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.InferenceSession;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.model.SequenceModel;
import io.recur.core.util.Checks;

/**
 * A model loaded for inference on TensorFlow: float32 parameter tensors that nothing writes after
 * loading, and one graph with a forward part per sequence length (any batch size), built on first
 * use. Any number of threads may run {@link TfInferenceSession}s over it at once, each with its own
 * state.
 */
final class TfInferenceModel implements InferenceModel {
  /** The longest forward part built; longer inputs are fed in pieces of this many steps (state carried). */
  static final int MAX_UNROLL = 64;

  private final ModelGraph graph;
  private final Held<ParamKey> params = new Held<>();
  private volatile boolean closed;

  TfInferenceModel(SequenceModel model, ParameterSet values, Placement placement, int threads) {
    model.checkCompatible(values, "the model's parameters");
    this.graph = new ModelGraph(model, placement, threads);
    Tensors.load(values, params);
  }

  @Override
  public ModelSpec spec() {
    return graph.model().spec();
  }

  @Override
  public String backend() {
    return "tensorflow";
  }

  @Override
  public InferenceSession newSession(int batch) {
    if (closed) {
      throw new IllegalStateException("this inference model is closed");
    }
    return new TfInferenceSession(this, Checks.positive("batch", batch));
  }

  ModelGraph graph() {
    return graph;
  }

  Held<ParamKey> params() {
    return params;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      graph.close();
      params.close();
    }
  }
}
