package io.recur.backend.nd4j;

import io.recur.core.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The element-wise ops of {@link Nd4jOps} and their gradients. Binary ops take equal shapes or
 * a rank-1 right operand over the last axis, whose gradient is summed over the leading axes.
 * Activations differentiate through their outputs ({@code σ' = y(1-y)}, {@code tanh' = 1-y²}).
 */
final class Elementwise {
  private Elementwise() {}

  private static boolean broadcasts(Nd4jTensor a, Nd4jTensor b) {
    if (Arrays.equals(a.value().shape(), b.value().shape())) {
      return false;
    }
    if (b.value().rank() == 1 && a.value().rank() >= 1 && b.value().size(0) == a.value().size(-1)) {
      return true;
    }
    throw new IllegalArgumentException("shapes " + a.shape() + " and " + b.shape()
        + " do not broadcast: the right operand must have the same shape or be a vector over the last axis");
  }

  /** The gradient of a broadcast right operand is summed over the leading axes. */
  private static INDArray reduceTo(Nd4jOps ops, INDArray g, boolean broadcast) {
    return broadcast ? ops.rows(g).sum(0) : g;
  }

  static Tensor add(Nd4jOps ops, Tensor at, Tensor bt) {
    Nd4jTensor a = Nd4jOps.t(at);
    Nd4jTensor b = Nd4jOps.t(bt);
    boolean bc = broadcasts(a, b);
    INDArray y = bc ? rowOp(ops, a.value(), b.value(), '+') : a.value().add(b.value());
    return ops.result(y, (g, into) -> {
      into.share(a, g);
      if (!bc) {
        into.share(b, g);
      } else if (b.tracked()) {
        into.add(b, reduceTo(ops, g, true));
      }
    }, a, b);
  }

  static Tensor sub(Nd4jOps ops, Tensor at, Tensor bt) {
    Nd4jTensor a = Nd4jOps.t(at);
    Nd4jTensor b = Nd4jOps.t(bt);
    boolean bc = broadcasts(a, b);
    INDArray y = bc ? rowOp(ops, a.value(), b.value(), '-') : a.value().sub(b.value());
    return ops.result(y, (g, into) -> {
      into.share(a, g);
      if (b.tracked()) {
        INDArray gb = reduceTo(ops, g, bc);
        into.add(b, gb == g ? g.neg() : gb.negi());
      }
    }, a, b);
  }

  static Tensor mul(Nd4jOps ops, Tensor at, Tensor bt) {
    Nd4jTensor a = Nd4jOps.t(at);
    Nd4jTensor b = Nd4jOps.t(bt);
    boolean bc = broadcasts(a, b);
    INDArray y = bc ? rowOp(ops, a.value(), b.value(), '*') : a.value().mul(b.value());
    return ops.result(y, (g, into) -> {
      if (a.tracked()) {
        into.add(a, bc ? rowOp(ops, g, b.value(), '*') : g.mul(b.value()));
      }
      if (b.tracked()) {
        INDArray gb = g.mul(a.value());
        into.add(b, bc ? reduceTo(ops, ops.arena().track(gb), true) : gb);
      }
    }, a, b);
  }

  /** {@code a ∘ v} with the vector {@code v} over the last axis; a new array of {@code a}'s shape. */
  private static INDArray rowOp(Nd4jOps ops, INDArray a, INDArray v, char op) {
    INDArray a2 = ops.rows(a);
    INDArray r = switch (op) {
      case '+' -> a2.addRowVector(v);
      case '-' -> a2.subRowVector(v);
      default -> a2.mulRowVector(v);
    };
    return a.rank() == 2 ? r : ops.arena().track(r).reshape('c', a.shape());
  }

  static Tensor scale(Nd4jOps ops, Tensor at, double factor) {
    Nd4jTensor a = Nd4jOps.t(at);
    return ops.result(a.value().mul(factor), (g, into) -> into.add(a, g.mul(factor)), a);
  }

  static Tensor oneMinus(Nd4jOps ops, Tensor at) {
    Nd4jTensor a = Nd4jOps.t(at);
    return ops.result(a.value().rsub(1.0), (g, into) -> into.add(a, g.neg()), a);
  }

  static Tensor sigmoid(Nd4jOps ops, Tensor at) {
    Nd4jTensor a = Nd4jOps.t(at);
    INDArray y = Transforms.sigmoid(a.value(), true);
    return ops.result(y, (g, into) -> into.add(a, y.rsub(1.0).muli(y).muli(g)), a);
  }

  static Tensor tanh(Nd4jOps ops, Tensor at) {
    Nd4jTensor a = Nd4jOps.t(at);
    INDArray y = Transforms.tanh(a.value(), true);
    return ops.result(y, (g, into) -> into.add(a, y.mul(y).rsubi(1.0).muli(g)), a);
  }

  static Tensor relu(Nd4jOps ops, Tensor at) {
    Nd4jTensor a = Nd4jOps.t(at);
    INDArray y = Transforms.relu(a.value(), true);
    return ops.result(y, (g, into) -> into.add(a, Transforms.sign(y, true).muli(g)), a);
  }
}
