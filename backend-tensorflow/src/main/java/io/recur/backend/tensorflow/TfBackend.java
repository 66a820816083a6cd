package io.recur.backend.tensorflow;

import com.google.inject.Inject;
import io.recur.core.backend.Backend;
import io.recur.core.backend.Capability;
import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.TrainingSession;
import io.recur.core.cell.CellRegistry;
import io.recur.core.config.Device;
import io.recur.core.config.RecurConfig;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.model.SequenceModel;
import io.recur.core.optim.Optimizer;
import java.util.EnumSet;
import java.util.Set;

/**
 * The TensorFlow backend: trains and runs models as TensorFlow graphs in float32, on the CPU or a
 * GPU ({@link Placement}). Constructing it loads nothing native; TensorFlow loads when the first
 * session opens (or {@link #describe} is asked).
 */
final class TfBackend implements Backend {
  /** The most intra-op threads chosen when the configuration leaves it to the backend. */
  static final int DEFAULT_THREADS_CAP = 2;

  private final CellRegistry cells;
  private final int threads;
  private final Device device;

  @Inject
  TfBackend(RecurConfig config, CellRegistry cells) {
    this.cells = cells;
    this.threads = config.threads() > 0 ? config.threads()
        : Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), DEFAULT_THREADS_CAP));
    this.device = config.device();
  }

  @Override
  public String name() {
    return "tensorflow";
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.TRAIN, Capability.INFER, Capability.GPU);
  }

  @Override
  public TrainingSession openTraining(ModelSpec spec, ParameterSet initial, Optimizer optimizer) {
    SequenceModel model = SequenceModel.of(spec, cells);
    model.checkCompatible(initial, "the initial parameters");
    return new TfTrainingSession(model, initial, optimizer, placement(), threads);
  }

  @Override
  public InferenceModel openInference(ModelSpec spec, ParameterSet params) {
    SequenceModel model = SequenceModel.of(spec, cells);
    model.checkCompatible(params, "the model's parameters");
    return new TfInferenceModel(model, params, placement(), threads);
  }

  /** Where sessions compute (loads TensorFlow to ask it for its GPUs). */
  Placement placement() {
    return Placement.choose(device, TfRuntime.get().gpus());
  }

  @Override
  public int threads() {
    return threads;
  }

  /** "TensorFlow 2.18.0 on CPU (auto: TensorFlow sees no GPU), 2 threads". */
  @Override
  public String describe() {
    return "TensorFlow " + TfRuntime.get().version() + " on " + placement().describe() + ", " + threads
        + (threads == 1 ? " thread" : " threads");
  }
}
