package io.recur.backend.nd4j.fused;

import static org.bytedeco.openblas.global.openblas_nolapack.blas_set_num_threads;

import io.recur.core.cell.RecurrentCell;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused kernels of the built-in cells — {@code LstmCell}, {@code GruCell} and {@code RnnCell}
 * (tanh and ReLU) — and of the vocabulary-wide output, and the number of threads they use. Kernels are stateless and thread-safe;
 * each pass owns its memory.
 */
public final class FusedKernels {
  /** Below this many multiply-adds per pass (T·B·gates·H·(H+I)) a pass runs on the calling thread alone. */
  private static final long PARALLEL_WORK = 1L << 22;
  private static final List<FusedKernel> KERNELS = List.of(new LstmKernel(), new GruKernel(), new RnnKernel());
  private static final ProjectedCrossEntropy OUTPUT = new ProjectedCrossEntropy();
  private static volatile Team team;

  private FusedKernels() {}

  /** The vocabulary-wide output kernel (one for the process: its memory pool and its choice of threads). */
  public static ProjectedCrossEntropy output() {
    return OUTPUT;
  }

  /** The kernel that computes exactly {@code cell}, or empty when it has none (any custom cell). */
  public static Optional<FusedKernel> find(RecurrentCell cell) {
    return KERNELS.stream().filter(k -> k.supports(cell)).findFirst();
  }

  /**
   * Sets how many threads each pass uses (default 1). With {@code n > 1}, a pass divides the
   * hidden units among {@code n} threads — the caller and {@code n − 1} daemon helpers, one
   * barrier per time step — and calls OpenBLAS on each, so this also sets OpenBLAS to one thread
   * (ND4J's own GEMMs included): OpenBLAS's threads would serialise on its lock and spin against
   * the helpers. With {@code n = 1} OpenBLAS's own setting is left alone. A pass that finds the
   * helpers busy (another pass running), or whose team has lately been slower than one thread
   * (other processes holding the cores: see {@link ModeChoice}), computes the same division of
   * units on its calling thread: results depend on {@code n} only, never on timing.
   */
  public static synchronized void setThreads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("threads must be ≥ 1 (got " + n + ")");
    }
    Team old = team;
    if (n == threads()) {
      return;
    }
    if (n > 1) {
      Nd4j.zeros(DataType.FLOAT, 1); // ND4J sets OpenBLAS's thread count when it loads: load it first
      blas_set_num_threads(1);
    }
    team = n > 1 ? new Team(n) : null;
    if (old != null) {
      old.shutdown();
    }
  }

  /** The number of threads a pass uses. */
  public static int threads() {
    Team t = team;
    return t == null ? 1 : t.size();
  }

  static Team team() {
    return team;
  }

  /** How many workers a pass of this size uses with {@code team} (which may be {@code null}). */
  static int workers(Team team, Arguments a, int gates) {
    return workers(team, a.work(gates), a.hidden);
  }

  /** How many workers a pass of {@code work} multiply-adds over {@code units} divisible units uses with {@code team}. */
  static int workers(Team team, long work, int units) {
    if (team == null || units < team.size()) {
      return 1;
    }
    return work >= PARALLEL_WORK ? team.size() : 1;
  }
}
