package io.recur.core.optim;

import io.recur.core.InvalidInputException;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * An optimizer as data — {@link Sgd} or {@link Adam} with its hyperparameters — and its update
 * rule written once in Java over float buffers. That Java update is the reference: a backend may
 * run the same rule natively (it switches over this sealed type, e.g. to build graph ops) and is
 * parity-tested against {@link #update}. The optimizer's state is a list of named slots of the
 * parameter's size (Adam: {@code m}, {@code v}).
 */
public sealed interface Optimizer permits Sgd, Adam {
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
