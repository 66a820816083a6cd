package io.recur.core.ops;

import io.recur.core.tensor.Tensor;
import java.util.List;

/**
 * The whole surface a recurrent cell may use. Each backend implements it: eagerly with a
 * gradient tape (ND4J), as graph ops (TensorFlow), or as ONNX nodes inside a {@code Scan} body.
 *
 * <p>Shapes: activations are {@code [..., F]} with the feature axis last; cells see
 * {@code [B, F]}. The binary element-wise ops accept two tensors of equal shape, or a
 * right-hand operand of rank 1 whose size equals the left operand's last dimension (a bias or a
 * per-unit vector, broadcast over the leading axes). A missing op is a compile error in every
 * backend, never a run-time surprise; each op has a contract test in {@code CellOpsContract}.
 */
public interface CellOps {
  /** {@code x · wᵀ}: x {@code [..., in]}, w {@code [out, in]} (the layout parameters are stored in) → {@code [..., out]}. */
  Tensor linear(Tensor x, Tensor w);

  /** {@code a + b}, element-wise (see the broadcasting rule above). */
  Tensor add(Tensor a, Tensor b);

  /** {@code a - b}, element-wise. */
  Tensor sub(Tensor a, Tensor b);

  /** {@code a ⊙ b}, element-wise. */
  Tensor mul(Tensor a, Tensor b);

  /** {@code factor · a}. */
  Tensor scale(Tensor a, double factor);

  /** {@code 1 - a} (the complement of a gate). */
  Tensor oneMinus(Tensor a);

  /** {@code 1 / (1 + e^{-a})}. */
  Tensor sigmoid(Tensor a);

  /** Hyperbolic tangent. */
  Tensor tanh(Tensor a);

  /** {@code max(a, 0)}. */
  Tensor relu(Tensor a);

  /** Splits the last axis into {@code parts} equal blocks, in order (e.g. the gates of {@code [B, 4H]}). */
  List<Tensor> split(Tensor a, int parts);

  /** Concatenates along the last axis, in order. */
  Tensor concat(List<Tensor> parts);

  /**
   * Normalises over the last axis: {@code (a - mean) / sqrt(var + epsilon)} with the biased
   * variance, no scale or shift (a cell multiplies and adds its own parameters) — the core of
   * layer normalisation.
   */
  Tensor layerNorm(Tensor a, double epsilon);
}
