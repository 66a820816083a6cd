package io.recur.backend.tensorflow;

import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.RawCustomGradient;
import org.tensorflow.op.nn.SparseSoftmaxCrossEntropyWithLogits;
import org.tensorflow.types.family.TNumber;

/**
 * The gradient of {@code SparseSoftmaxCrossEntropyWithLogits}, which TensorFlow's C++ gradient
 * registry lacks: the op's second output already holds {@code softmax(logits) − onehot(label)}
 * per row, so {@code ∂L/∂logits = g ⊙ backprop} with the incoming per-row gradient {@code g}
 * broadcast over the classes; the integer labels get zeros (TensorFlow wants an operand for
 * every input). Registered once per process, before any graph asks for gradients.
 */
final class CrossEntropyGradient implements RawCustomGradient {
  private CrossEntropyGradient() {}

  /** Registers the gradient unless one is registered already (by an earlier call or a later TensorFlow). */
  static synchronized void register() {
    TensorFlow.registerCustomGradient(SparseSoftmaxCrossEntropyWithLogits.OP_NAME, new CrossEntropyGradient());
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Operand<?>> call(Ops tf, GraphOperation op, List<Output<?>> gradients) {
    Operand<TNumber> perRow = (Operand<TNumber>) gradients.get(0);
    Operand<TNumber> backprop = (Operand<TNumber>) (Operand<?>) op.output(1);
    Operand<TNumber> labels = (Operand<TNumber>) op.input(1);
    return List.of(tf.math.mul(tf.expandDims(perRow, tf.constant(-1)), backprop), tf.zerosLike(labels));
  }
}
