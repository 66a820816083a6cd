package io.recur.backend.nd4j;

import io.recur.core.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The row-wise ops of {@link Nd4jOps} that reduce over the last axis or over everything: layer
 * normalisation and the mean squared error, with their gradients.
 */
final class Normalization {
  private Normalization() {}

  /**
   * {@code y = (x − μ)·r} with {@code r = 1/√(σ² + ε)} per row; backward
   * {@code dx = r·(g − mean(g) − y·mean(g⊙y))}, the means over the row.
   */
  static Tensor layerNorm(Nd4jOps ops, Tensor at, double epsilon) {
    Nd4jTensor a = Nd4jOps.t(at);
    Arena arena = ops.arena();
    INDArray x = ops.rows(a.value());
    INDArray centred = arena.track(x.subColumnVector(arena.track(x.mean(1))));
    INDArray variance = arena.track(arena.track(centred.mul(centred)).mean(1));
    INDArray r = arena.track(Transforms.pow(arena.track(variance.add(epsilon)), -0.5, false));
    INDArray y2 = centred.mulColumnVector(r);
    INDArray y = a.value().rank() == 2 ? y2 : arena.track(y2).reshape('c', a.value().shape());
    return ops.result(y, (g, into) -> {
      INDArray g2 = ops.rows(g);
      INDArray gy = arena.track(arena.track(g2.mul(y2)).mean(1));
      INDArray dx = arena.track(g2.subColumnVector(arena.track(g2.mean(1))));
      dx.subi(arena.track(y2.mulColumnVector(gy))).muliColumnVector(r);
      into.add(a, a.value().rank() == 2 ? dx : arena.track(dx.dup()).reshape('c', a.value().shape()));
    }, a);
  }

  /** {@code mean((p − t)²)}; gradient {@code 2(p − t)/n} for each side. */
  static Tensor meanSquaredError(Nd4jOps ops, Tensor pt, Tensor tt) {
    Nd4jTensor p = Nd4jOps.t(pt);
    Nd4jTensor t = Nd4jOps.t(tt);
    if (!Arrays.equals(p.value().shape(), t.value().shape())) {
      throw new IllegalArgumentException("meanSquaredError needs equal shapes, got " + p.shape() + " and " + t.shape());
    }
    Arena arena = ops.arena();
    INDArray d = arena.track(p.value().sub(t.value()));
    long n = d.length();
    double loss = arena.track(d.mul(d)).sumNumber().doubleValue() / n;
    return ops.result(Nd4j.scalar(ops.dtype(), loss), (g, into) -> {
      INDArray gd = d.mul(2 * g.getDouble(0) / n);
      into.add(p, gd);
      if (t.tracked()) {
        into.add(t, arena.track(gd).neg());
      }
    }, p, t);
  }
}
