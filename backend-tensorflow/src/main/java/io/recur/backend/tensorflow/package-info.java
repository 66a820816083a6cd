/**
 * The TensorFlow Java backend: models written once against {@link io.recur.core.layer.LayerOps}
 * become TensorFlow graphs (graph mode only, time unrolled), trained and run through one session per
 * model. Depends on core and TensorFlow Java; TensorFlow's natives load when the first session opens.
 */
package io.recur.backend.tensorflow;
