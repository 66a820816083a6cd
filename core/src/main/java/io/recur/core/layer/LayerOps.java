package io.recur.core.layer;

import io.recur.core.cell.Params;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.State;
import io.recur.core.cell.Step;
import io.recur.core.ops.CellOps;
import io.recur.core.tensor.Tensor;

/**
 * The ops a model is written against: the cell ops plus input encoding, running a cell over a
 * sequence, dropout and the loss. Models are written once against this interface; each backend
 * implements it (the ND4J tape, a TensorFlow graph, an ONNX graph under construction).
 *
 * <p>Sequences are time-major: tokens {@code [T, B]} (integer ids), values and activations
 * {@code [T, B, F]}.
 */
public interface LayerOps extends CellOps {
  /** Token ids {@code [T, B]} → one-hot rows {@code [T, B, depth]}. */
  Tensor oneHot(Tensor tokens, int depth);

  /** Token ids {@code [T, B]} → rows of {@code table [V, E]}: {@code [T, B, E]}. */
  Tensor embedding(Tensor table, Tensor tokens);

  /**
   * Runs {@code cell} over {@code x [T, B, I]} from {@code initial}; returns the outputs
   * {@code [T, B, H]} and the state after the last step. A backend may run a fused kernel here
   * for a built-in cell; the result must equal {@link UnrolledRecurrence} on the same weights.
   *
   * @param scope the layer's parameter scope ({@code layer0}, …), for names in graphs and messages
   */
  Step recurrent(String scope, RecurrentCell cell, Params w, Tensor x, State initial);

  /** Inverted dropout: zeroes each element with probability {@code p} and scales the rest by 1/(1-p). */
  Tensor dropout(Tensor x, double p);

  /**
   * Mean softmax cross-entropy of {@code logits [T, B, V]} against integer {@code targets [T, B]},
   * computed stably (log-sum-exp): a scalar.
   */
  Tensor softmaxCrossEntropy(Tensor logits, Tensor targets);

  /**
   * The vocabulary-wide output: mean softmax cross-entropy of {@code h·wᵀ + b} against integer
   * {@code targets [T, B]}, for {@code h [T, B, H]}, {@code w [V, H]}, {@code b [V]} — a scalar.
   * This default composes {@link #linear}, {@link #add} and {@link #softmaxCrossEntropy}; a
   * backend may fuse it (never materialising {@code [T·B, V]} logits at once) as long as the loss
   * and every gradient equal this composition.
   */
  default Tensor projectedCrossEntropy(Tensor h, Tensor w, Tensor b, Tensor targets) {
    return softmaxCrossEntropy(add(linear(h, w), b), targets);
  }

  /** Mean over every element of {@code (predictions - targets)²}, both of one shape: a scalar. */
  Tensor meanSquaredError(Tensor predictions, Tensor targets);
}
