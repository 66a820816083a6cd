package io.recur.core.backend;

import io.recur.core.model.ParameterSet;
import io.recur.core.optim.OptimizerState;
import io.recur.core.sequence.Minibatch;

/**
 * A model being trained on one backend: its parameters, gradients and optimizer state, and the
 * recurrent state carried between minibatches. The loop in core drives it
 * ({@link io.recur.core.train.Trainer}) through {@link #step}, one call per minibatch, which a
 * backend may run as one native call (a TensorFlow graph run); its default is the three
 * separate calls, which also let a caller clip or average gradients itself. Not thread-safe.
 */
public interface TrainingSession extends AutoCloseable {
  /**
   * Forward and backward on one minibatch; keeps the gradients for {@link #applyUpdate}. State is
   * carried from the previous training batch (detached: gradients stop at the minibatch
   * boundary) unless {@link Minibatch#resetState()}.
   *
   * @param dropoutSeed the seed this step's dropout masks are drawn from. Each backend draws its
   *     own masks from it: a backend reproduces itself exactly, and backends agree in
   *     distribution, not mask for mask
   */
  StepLoss computeGradients(Minibatch batch, long dropoutSeed);

  /** The global L2 norm of the gradients from the last {@link #computeGradients}. */
  double gradientNorm();

  /** Applies the optimizer to all parameters, with every gradient multiplied by {@code gradientScale}. */
  void applyUpdate(double learningRate, double gradientScale);

  /**
   * One whole training step: gradients, global-norm clipping to {@code clip} (0 = off), the
   * optimizer's update. The update is skipped when the loss or the norm is not finite (the
   * caller stops training then). Backends that override it must equal this default.
   */
  default StepResult step(Minibatch batch, long dropoutSeed, double learningRate, double clip) {
    StepLoss loss = computeGradients(batch, dropoutSeed);
    StepResult result = new StepResult(loss, gradientNorm());
    if (result.finite()) {
      applyUpdate(learningRate, clipScale(result.gradientNorm(), clip));
    }
    return result;
  }

  /** The factor global-norm clipping applies to every gradient: {@code clip / norm} above the threshold, else 1. */
  static double clipScale(double norm, double clip) {
    return clip > 0 && norm > clip ? clip / norm : 1.0;
  }

  /**
   * Scores a minibatch without gradients or dropout. Uses its own carried state, separate from
   * training's, reset when {@link Minibatch#resetState()}.
   */
  StepLoss evaluate(Minibatch batch);

  /** A copy of the current parameters. */
  ParameterSet parameters();

  /** Replaces the parameters (same keys and shapes). */
  void setParameters(ParameterSet params);

  /** A copy of the gradients from the last {@link #computeGradients}. */
  ParameterSet gradients();

  OptimizerState optimizerState();

  void setOptimizerState(OptimizerState state);

  @Override
  void close();
}
