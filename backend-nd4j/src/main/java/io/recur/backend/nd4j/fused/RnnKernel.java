package io.recur.backend.nd4j.fused;

import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.RnnCell;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fused {@link RnnCell}, tanh or ReLU: input projection of all steps as one GEMM, then per
 * step one recurrent GEMM and the activation ({@link RnnPass}).
 */
final class RnnKernel implements FusedKernel {
  private final BlockPool pool = new BlockPool();

  @Override
  public boolean supports(RecurrentCell cell) {
    return cell instanceof RnnCell;
  }

  @Override
  public Pass forward(RecurrentCell cell, INDArray x, Map<String, INDArray> params, List<INDArray> initialState, boolean training) {
    if (!(cell instanceof RnnCell rnn)) {
      throw new IllegalArgumentException("the RNN kernel cannot run " + cell);
    }
    Arguments a = new Arguments(cell, x, params, initialState);
    Team team = FusedKernels.team();
    return new RnnPass(a, rnn.activation() == RnnCell.Activation.RELU, training, pool, team, FusedKernels.workers(team, a, 1));
  }
}
