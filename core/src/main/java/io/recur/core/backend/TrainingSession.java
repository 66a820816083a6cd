package io.recur.core.backend;

import io.recur.core.model.ParameterSet;
import io.recur.core.optim.OptimizerState;
import io.recur.core.sequence.Batch;
import io.recur.core.util.Rng;

/**
 * A model being trained on one backend: its parameters, gradients and optimizer state, and the
 * recurrent state carried between minibatches. The loop in core drives it
 * ({@link io.recur.core.train.Trainer}); backends supply only these steps. Gradients and the
 * update are separate so that the caller can clip (or average across workers) in between.
 * Not thread-safe.
 */
public interface TrainingSession extends AutoCloseable {
  /**
   * Forward and backward on one minibatch; keeps the gradients for {@link #applyUpdate}. State is
   * carried from the previous training batch (detached: gradients stop at the minibatch
   * boundary) unless {@link Batch#resetState()}.
   *
   * @param rng randomness for dropout
   */
  StepLoss computeGradients(Batch batch, Rng rng);

  /** The global L2 norm of the gradients from the last {@link #computeGradients}. */
  double gradientNorm();

  /** Applies the optimizer to all parameters, with every gradient multiplied by {@code gradientScale}. */
  void applyUpdate(double learningRate, double gradientScale);

  /**
   * Scores a minibatch without gradients or dropout. Uses its own carried state, separate from
   * training's, reset when {@link Batch#resetState()}.
   */
  StepLoss evaluate(Batch batch);

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
