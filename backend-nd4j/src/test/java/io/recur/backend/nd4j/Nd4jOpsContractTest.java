package io.recur.backend.nd4j;

import io.recur.core.config.FusedMode;
import io.recur.core.layer.LayerOps;
import io.recur.core.tensor.DType;
import io.recur.core.tensor.Tensor;
import io.recur.core.testing.CellOpsContract;
import io.recur.core.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The op contract on ND4J in float32, without a tape (the inference path). */
class Nd4jOpsContractTest extends CellOpsContract {
  @Override
  protected LayerOps ops(Rng dropout) {
    return new Nd4jOps(DType.FLOAT32, null, new Arena(), dropout, new Recurrence(FusedMode.AUTO));
  }

  @Override
  protected Tensor tensor(LayerOps ops, double[] values, int... dims) {
    return ((Nd4jOps) ops).constant(Nd4j.create(values, toLong(dims), DataType.DOUBLE).castTo(DataType.FLOAT));
  }

  @Override
  protected Tensor tokens(LayerOps ops, int[][] tokens) {
    return ((Nd4jOps) ops).tokens(tokens);
  }

  @Override
  protected double[] read(Tensor t) {
    return Nd4jOps.t(t).value().castTo(DataType.DOUBLE).dup('c').data().asDouble();
  }

  @Override
  protected double tolerance() {
    return 2e-6;
  }

  static long[] toLong(int[] dims) {
    long[] l = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      l[i] = dims[i];
    }
    return l;
  }
}
