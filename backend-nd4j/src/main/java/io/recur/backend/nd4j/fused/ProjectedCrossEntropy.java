package io.recur.backend.nd4j.fused;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A language model's vocabulary-wide output as one kernel: {@code logits = h·Wᵀ + b} for
 * {@code h [N, H]}, {@code W [V, H]}, {@code b [V]}, their softmax and the cross-entropy against
 * integer targets, with the gradients of the mean loss w.r.t. {@code h}, {@code W} and
 * {@code b}. The logits never exist whole: rows are processed in blocks of at most 16 MiB of
 * logits (pooled memory, reused by the next call), each block's softmax is computed stably
 * (maximum subtracted) and turned into {@code dlogits = (softmax − onehot)/N} at once, and the
 * gradients are three GEMMs per block on OpenBLAS, added in place. With a team of threads
 * ({@link FusedKernels#setThreads}) large calls divide the vocabulary among them; the results
 * depend only on the thread count. Thread-safe; float32 in, float32 out, sums in double.
 */
public final class ProjectedCrossEntropy {
  /** The most logits a block holds by default: 2²² floats, 16 MiB. */
  static final int BLOCK_FLOATS = 1 << 22;

  private final BlockPool pool = new BlockPool();
  private final ModeChoice choice = new ModeChoice();
  private final int blockFloats;

  public ProjectedCrossEntropy() {
    this(BLOCK_FLOATS);
  }

  /** With blocks of at most {@code blockFloats} logits (tests use small ones to get many blocks). */
  ProjectedCrossEntropy(int blockFloats) {
    this.blockFloats = blockFloats;
  }

  /** Where {@link #train} adds the gradients: contiguous float32 arrays {@code dh [N, H]}, {@code dw [V, H]}, {@code db [V]}. */
  public record Gradients(INDArray dh, INDArray dw, INDArray db) {}

  /**
   * The summed cross-entropy {@code Σ_r −log softmax(h_r·Wᵀ + b)[targets[r]]}, without gradients.
   *
   * @param logProbs if not {@code null}, receives {@code log p(targets[r])} for each row {@code r}
   */
  public double score(INDArray h, INDArray w, INDArray b, int[] targets, double[] logProbs) {
    Inputs in = new Inputs(h, w, b, targets);
    return score(in.h, in.w, in.bias, in.hidden, targets, logProbs);
  }

  /** {@link #score} on blocks: {@code h [N, hidden]}, {@code w [V, hidden]}, {@code bias [V]}, targets checked by the caller. */
  double score(FloatBlock h, FloatBlock w, float[] bias, int hidden, int[] targets, double[] logProbs) {
    if (logProbs != null && logProbs.length != targets.length) {
      throw new IllegalArgumentException("logProbs has " + logProbs.length + " entries for " + targets.length + " rows");
    }
    return run(h, w, bias, hidden, targets, null, logProbs);
  }

  /**
   * The mean cross-entropy over the {@code N} rows, adding its gradients to {@code into} — or
   * writing them there, when {@code accumulate} is false (the arrays' old contents are then
   * ignored, so they need not be zeroed).
   */
  public double train(INDArray h, INDArray w, INDArray b, int[] targets, Gradients into, boolean accumulate) {
    Inputs in = new Inputs(h, w, b, targets);
    requireShape("dh", into.dh(), in.rows, in.hidden);
    requireShape("dw", into.dw(), in.vocab, in.hidden);
    requireShape("db", into.db(), in.vocab);
    CrossEntropyPass.Destinations out = new CrossEntropyPass.Destinations(FloatBlock.inPlace(into.dh(), "dh"),
        FloatBlock.inPlace(into.dw(), "dw"), FloatBlock.inPlace(into.db(), "db"), accumulate);
    return run(in.h, in.w, in.bias, in.hidden, targets, out, null) / in.rows;
  }

  private double run(FloatBlock h, FloatBlock w, float[] bias, int hidden, int[] targets, CrossEntropyPass.Destinations out,
      double[] logProbs) {
    Team team = FusedKernels.team();
    int workers = FusedKernels.workers(team, (long) targets.length * bias.length * hidden, bias.length);
    CrossEntropyPass pass = new CrossEntropyPass(h, w, bias, targets, hidden, out, logProbs, blockFloats, pool, workers);
    return pass.run(new Schedule(team, workers, choice), pool);
  }

  /** The checked inputs as blocks (copied only when not contiguous float32). */
  private static final class Inputs {
    final int rows;
    final int hidden;
    final int vocab;
    final FloatBlock h;
    final FloatBlock w;
    final float[] bias;

    Inputs(INDArray h, INDArray w, INDArray b, int[] targets) {
      if (w.rank() != 2 || h.rank() != 2 || h.size(1) != w.size(1) || h.size(0) != targets.length || h.size(0) < 1) {
        throw new IllegalArgumentException("need h [N, H], w [V, H] and N ≥ 1 targets (got h " + Arrays.toString(h.shape())
            + ", w " + Arrays.toString(w.shape()) + ", " + targets.length + " targets)");
      }
      if (b.length() != w.size(0) || b.rank() > 1 && b.size(0) != 1) {
        throw new IllegalArgumentException("b must be [" + w.size(0) + "] (got " + Arrays.toString(b.shape()) + ")");
      }
      this.rows = targets.length;
      this.hidden = (int) h.size(1);
      this.vocab = (int) w.size(0);
      for (int r = 0; r < rows; r++) {
        if (targets[r] < 0 || targets[r] >= vocab) {
          throw new IllegalArgumentException("target " + targets[r] + " (row " + r + ") is outside the vocabulary [0, " + vocab + ")");
        }
      }
      this.h = FloatBlock.of(h);
      this.w = FloatBlock.of(w);
      this.bias = FloatBlock.of(b).toArray();
    }
  }

  private static void requireShape(String name, INDArray a, long... shape) {
    if (!Arrays.equals(a.shape(), shape) || a.dataType() != DataType.FLOAT) {
      throw new IllegalArgumentException(name + " must be float32 " + Arrays.toString(shape) + " (got " + a.dataType() + " "
          + Arrays.toString(a.shape()) + ")");
    }
  }
}
