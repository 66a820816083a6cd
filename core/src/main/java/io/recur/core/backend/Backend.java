package io.recur.core.backend;

import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.optim.Optimizer;
import java.util.Set;

/**
 * A compute backend. Backends are cheap to construct and load their native libraries only when
 * a session is first opened. Sessions own all native memory and release it on close.
 */
public interface Backend {
  /** The configuration name: {@code nd4j}, {@code tensorflow}, {@code onnx}. */
  String name();

  Set<Capability> capabilities();

  /**
   * Opens a training session on a copy of {@code initial}. Backends without
   * {@link Capability#TRAIN} throw an {@link io.recur.core.InvalidInputException} that names
   * the backends that can train.
   */
  TrainingSession openTraining(ModelSpec spec, ParameterSet initial, Optimizer optimizer);

  /** Opens a thread-safe inference model on a copy of {@code params}. */
  InferenceModel openInference(ModelSpec spec, ParameterSet params);

  /** The compute threads this backend's sessions use, resolved from the configuration (reported by the CLI). */
  int threads();

  /** What this backend computes with, for reports ({@code "ND4J 1.0.0-M2.1 (OpenBLAS 0.3.28), 1 thread"}). */
  String describe();
}
