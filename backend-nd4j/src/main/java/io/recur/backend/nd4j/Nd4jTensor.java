package io.recur.backend.nd4j;

import io.recur.core.tensor.Shape;
import io.recur.core.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An ND4J array as a core {@link Tensor}, with its entry on the gradient {@link Tape}: {@code id}
 * is the tape entry whose gradient this value receives, or {@link #CONSTANT} when no gradient
 * flows to it (token ids, one-hot rows, detached state, any value during inference). Equality is
 * identity: two tensors are the same value only if they are the same object.
 */
final class Nd4jTensor implements Tensor {
  static final int CONSTANT = -1;

  private final INDArray value;
  private final int id;

  Nd4jTensor(INDArray value, int id) {
    if (value == null) {
      throw new IllegalArgumentException("an Nd4jTensor needs a value");
    }
    this.value = value;
    this.id = id;
  }

  static Nd4jTensor constant(INDArray value) {
    return new Nd4jTensor(value, CONSTANT);
  }

  INDArray value() {
    return value;
  }

  int id() {
    return id;
  }

  /** Whether a gradient flows to this value. */
  boolean tracked() {
    return id != CONSTANT;
  }

  @Override
  public Shape shape() {
    return Shape.of(value.shape());
  }

  @Override
  public String toString() {
    return "Nd4jTensor" + shape() + (tracked() ? "#" + id : "");
  }
}
