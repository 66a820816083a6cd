package io.recur.backend.nd4j.fused;

/** Opens a kernel pass for a {@link Problem} with a chosen team and number of workers (what the kernels decide themselves). */
final class Passes {
  private Passes() {}

  static FusedKernel.Pass open(Problem p, boolean training, Team team, int workers) {
    Arguments a = new Arguments(p.cell, p.xArray(), p.paramArrays(), p.stateArrays());
    BlockPool pool = new BlockPool();
    return switch (p.kind) {
      case LSTM -> new LstmPass(a, training, pool, team, workers);
      case GRU -> new GruPass(a, training, pool, team, workers);
      case RNN_TANH -> new RnnPass(a, false, training, pool, team, workers);
      case RNN_RELU -> new RnnPass(a, true, training, pool, team, workers);
    };
  }
}
