package io.recur.backend.nd4j.fused;

import io.recur.core.cell.LstmCell;
import io.recur.core.cell.RecurrentCell;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fused {@link LstmCell}: input projection of all steps as one GEMM, then per step one
 * recurrent GEMM and the gate arithmetic ({@link LstmPass}). The forget-gate bias option only
 * initialises {@code b}, so every {@code LstmCell} is supported.
 */
final class LstmKernel implements FusedKernel {
  private final BlockPool pool = new BlockPool();

  @Override
  public boolean supports(RecurrentCell cell) {
    return cell instanceof LstmCell;
  }

  @Override
  public Pass forward(RecurrentCell cell, INDArray x, Map<String, INDArray> params, List<INDArray> initialState, boolean training) {
    if (!supports(cell)) {
      throw new IllegalArgumentException("the LSTM kernel cannot run " + cell);
    }
    Arguments a = new Arguments(cell, x, params, initialState);
    Team team = FusedKernels.team();
    return new LstmPass(a, training, pool, team, FusedKernels.workers(team, a, 4));
  }
}
