package io.recur.core.testing;

import io.recur.core.check.ReferenceOps;
import io.recur.core.layer.LayerOps;
import io.recur.core.tensor.Tensor;
import io.recur.core.util.Rng;

class ReferenceOpsContractTest extends CellOpsContract {
  @Override
  protected LayerOps ops(Rng dropout) {
    return new ReferenceOps(dropout);
  }

  @Override
  protected Tensor tensor(LayerOps ops, double[] values, int... dims) {
    return ReferenceOps.of(values, dims);
  }

  @Override
  protected Tensor tokens(LayerOps ops, int[][] tokens) {
    return ReferenceOps.tokens(tokens);
  }

  @Override
  protected double[] read(Tensor t) {
    return ReferenceOps.values(t);
  }
}
