package io.recur.backend.tensorflow;

import io.recur.core.tensor.Shape;
import io.recur.core.tensor.Tensor;
import org.tensorflow.Operand;

/** A TensorFlow graph operand as a core {@link Tensor}; its shape is what TensorFlow inferred (unknown dimensions {@link Shape#UNKNOWN}). */
record TfTensor(Operand<?> operand) implements Tensor {
  @Override
  public Shape shape() {
    org.tensorflow.ndarray.Shape s = operand.shape();
    if (s.isUnknown()) {
      throw new IllegalStateException("TensorFlow does not know the rank of " + operand + "; every input needs a shape");
    }
    long[] dims = s.asArray();
    for (int i = 0; i < dims.length; i++) {
      dims[i] = dims[i] < 0 ? Shape.UNKNOWN : dims[i];
    }
    return new Shape(dims);
  }

  static TfTensor t(Tensor t) {
    if (t instanceof TfTensor tf) {
      return tf;
    }
    throw new IllegalArgumentException("not a TensorFlow tensor: " + t + " (" + t.getClass().getName() + ")");
  }
}
