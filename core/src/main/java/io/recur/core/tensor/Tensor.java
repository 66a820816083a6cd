package io.recur.core.tensor;

/**
 * An opaque handle to a value owned by a backend: an eager ND4J array, a TensorFlow graph
 * operand, or a node output in an ONNX graph under construction. Cells never look inside; they
 * only pass tensors to {@link io.recur.core.ops.CellOps}.
 */
public interface Tensor {
  /** The shape; dimensions that are only known when the graph runs are {@link Shape#UNKNOWN}. */
  Shape shape();
}
