package io.recur.backend.nd4j;

import io.recur.core.config.FusedMode;
import io.recur.core.layer.LayerOps;
import io.recur.core.tensor.DType;
import io.recur.core.tensor.Tensor;
import io.recur.core.testing.CellOpsContract;
import io.recur.core.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The op contract on ND4J in float64 with every input tracked on a tape: recording does not change values. */
class Nd4jOpsTapeContractTest extends CellOpsContract {
  @Override
  protected LayerOps ops(Rng dropout) {
    Arena arena = new Arena();
    return new Nd4jOps(DType.FLOAT64, new Tape(arena), arena, dropout, new Recurrence(FusedMode.AUTO));
  }

  @Override
  protected Tensor tensor(LayerOps ops, double[] values, int... dims) {
    return ((Nd4jOps) ops).variable(Nd4j.create(values, Nd4jOpsContractTest.toLong(dims), DataType.DOUBLE));
  }

  @Override
  protected Tensor tokens(LayerOps ops, int[][] tokens) {
    return ((Nd4jOps) ops).tokens(tokens);
  }

  @Override
  protected double[] read(Tensor t) {
    return Nd4jOps.t(t).value().dup('c').data().asDouble();
  }
}
