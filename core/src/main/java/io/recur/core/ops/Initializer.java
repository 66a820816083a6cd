package io.recur.core.ops;

import io.recur.core.util.Rng;

/**
 * Produces the initial values of one parameter, row-major. Seeds are explicit: the model passes
 * an {@link Rng} derived from the run's seed and the parameter's name, so initial weights do not
 * depend on the order parameters are created in.
 */
@FunctionalInterface
public interface Initializer {
  /**
   * @param shape the parameter's shape; for a weight {@code [out, in]} the fan-in is {@code in}
   * @return {@code product(shape)} values, row-major
   */
  float[] initialize(int[] shape, Rng rng);
}
