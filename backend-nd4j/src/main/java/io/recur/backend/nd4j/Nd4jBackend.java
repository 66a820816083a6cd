package io.recur.backend.nd4j;

import com.google.inject.Inject;
import io.recur.core.backend.Backend;
import io.recur.core.backend.Capability;
import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.TrainingSession;
import io.recur.core.cell.CellRegistry;
import io.recur.core.config.RecurConfig;
import io.recur.core.model.SequenceModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.optim.Optimizer;
import java.util.EnumSet;
import java.util.Set;

/**
 * The ND4J backend: trains and runs models on the CPU in float32 with eager ops and a gradient
 * tape, using fused kernels for built-in cells as the configuration allows. Constructing it loads
 * nothing native; ND4J starts when the first session opens, with the thread policy chosen here.
 */
final class Nd4jBackend implements Backend {
  private final RecurConfig config;
  private final CellRegistry cells;
  private final ThreadPolicy threads;

  @Inject
  Nd4jBackend(RecurConfig config, CellRegistry cells) {
    this.config = config;
    this.cells = cells;
    this.threads = ThreadPolicy.forConfigured(config.threads());
  }

  @Override
  public String name() {
    return "nd4j";
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.TRAIN, Capability.INFER, Capability.FUSED_KERNELS, Capability.EXPORT_SOURCE);
  }

  @Override
  public TrainingSession openTraining(ModelSpec spec, ParameterSet initial, Optimizer optimizer) {
    SequenceModel model = SequenceModel.of(spec, cells);
    model.checkCompatible(initial, "the initial parameters");
    Nd4jRuntime.start(threads);
    return new Nd4jTrainingSession(model, initial, optimizer, new Recurrence(config.fused()));
  }

  @Override
  public InferenceModel openInference(ModelSpec spec, ParameterSet params) {
    SequenceModel model = SequenceModel.of(spec, cells);
    model.checkCompatible(params, "the model's parameters");
    Nd4jRuntime.start(threads);
    return new Nd4jInferenceModel(model, params, new Recurrence(config.fused()));
  }

  @Override
  public int threads() {
    return threads.threads();
  }

  @Override
  public String describe() {
    return Nd4jRuntime.versions() + ", " + threads.describe();
  }
}
