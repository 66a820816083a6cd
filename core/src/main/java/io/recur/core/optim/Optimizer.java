package io.recur.core.optim;

import io.recur.core.InvalidInputException;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * Updates one parameter from its gradient. The update math lives here, in core, so that every
 * backend applies exactly the same update to its buffers (heap or direct); the optimizer's state
 * is a list of named slots of the parameter's size (Adam: {@code m}, {@code v}).
 */
public interface Optimizer {
  /** The configuration name: {@code sgd} or {@code adam}. */
  String name();

  /** The per-parameter state this optimizer keeps, each the size of the parameter. */
  List<String> slots();

  /**
   * Applies one update in place: {@code param ← update(param, gradScale · grad, slots)}.
   *
   * @param step the 1-based update count (Adam's bias correction)
   * @param gradScale a factor applied to every gradient first (global-norm clipping)
   */
  void update(FloatBuffer param, FloatBuffer grad, FloatBuffer[] slots, long step, double learningRate, double gradScale);

  /** {@code sgd} or {@code adam} (β1 0.9, β2 0.999, ε 1e-8). */
  static Optimizer named(String name) {
    return switch (name) {
      case "sgd" -> new Sgd();
      case "adam" -> new Adam(0.9, 0.999, 1e-8);
      default -> throw new InvalidInputException("unknown optimizer '" + name + "'; available: [adam, sgd]; set --optimizer");
    };
  }
}
