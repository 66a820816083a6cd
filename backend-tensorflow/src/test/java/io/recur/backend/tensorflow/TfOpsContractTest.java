package io.recur.backend.tensorflow;

import io.recur.core.layer.LayerOps;
import io.recur.core.tensor.Tensor;
import io.recur.core.testing.CellOpsContract;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The op contract on TensorFlow graphs in float32. */
@ExtendWith(BackendDrawsItsOwnMasks.class)
class TfOpsContractTest extends CellOpsContract {
  private final List<Graphs> made = new ArrayList<>();

  @Override
  protected LayerOps ops(Rng dropout) {
    Graphs g = new Graphs();
    made.add(g);
    Ops tf = g.ops();
    return new TfOps(tf, TFloat32.class, tf.constant(new long[] {dropout.nextLong(), 0}));
  }

  private Graphs of(Tensor t) {
    Graph graph = (Graph) TfTensor.t(t).operand().env();
    return made.stream().filter(g -> g.graph() == graph).findFirst().orElseThrow();
  }

  @Override
  protected Tensor tensor(LayerOps ops, double[] values, int... dims) {
    return Graphs.constant(((TfOps) ops).tf(), values, dims);
  }

  @Override
  protected Tensor tokens(LayerOps ops, int[][] tokens) {
    return Graphs.tokens(((TfOps) ops).tf(), tokens);
  }

  @Override
  protected double[] read(Tensor t) {
    return of(t).read(t);
  }

  @Override
  protected double tolerance() {
    return 2e-6;
  }

  @AfterEach
  void close() {
    made.forEach(Graphs::close);
    made.clear();
  }
}
