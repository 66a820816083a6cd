package io.recur.backend.onnx.runtime;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.recur.backend.onnx.export.OnnxModelBuilder;
import io.recur.core.InvalidInputException;
import io.recur.core.backend.Backend;
import io.recur.core.backend.BackendSelector;
import io.recur.core.backend.Capability;
import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.TrainingSession;
import io.recur.core.cell.CellRegistry;
import io.recur.core.config.RecurConfig;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.optim.Optimizer;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ONNX Runtime backend ({@code onnx}): inference only. A checkpoint opened on it is exported
 * to ONNX in memory and loaded into ONNX Runtime, so it runs exactly what an exported file runs.
 * Constructing it loads nothing; the native library loads with the first model.
 */
final class OrtBackend implements Backend {
  static final String NAME = "onnx";

  private final RecurConfig config;
  private final CellRegistry cells;
  private final Provider<BackendSelector> backends;

  @Inject
  OrtBackend(RecurConfig config, CellRegistry cells, Provider<BackendSelector> backends) {
    this.config = config;
    this.cells = cells;
    this.backends = backends;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.INFER);
  }

  @Override
  public TrainingSession openTraining(ModelSpec spec, ParameterSet initial, Optimizer optimizer) {
    Set<String> trainers = backends.get().withCapability(Capability.TRAIN);
    throw new InvalidInputException("backend 'onnx' (ONNX Runtime) runs inference only and cannot train; "
        + (trainers.isEmpty() ? "no training backend is installed (add recur-backend-nd4j)"
            : "train with --backend " + String.join(" or ", trainers)) + ", then export with recur export");
  }

  @Override
  public InferenceModel openInference(ModelSpec spec, ParameterSet params) {
    byte[] onnx = new OnnxModelBuilder(cells, config.fused()).build(spec, params, Map.of()).toByteArray();
    return OrtModel.open(onnx, "the " + spec.cell() + " model exported in memory", threads());
  }

  @Override
  public String describe() {
    int t = threads();
    return "ONNX Runtime " + OrtRuntime.version() + ", " + t + (t == 1 ? " thread" : " threads");
  }

  @Override
  public int threads() {
    return OrtRuntime.threads(config.threads());
  }
}
