package io.recur.backend.nd4j;

import io.recur.backend.nd4j.fused.FusedKernels;
import io.recur.backend.nd4j.fused.ProjectedCrossEntropy;
import io.recur.core.config.FusedMode;
import java.util.Arrays;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Decides how {@link Nd4jOps#projectedCrossEntropy} runs: through the fused
 * {@link ProjectedCrossEntropy} kernel when the mode allows ({@code auto} or {@code on}) and the
 * values are float32, otherwise (empty) as projection, bias and softmax cross-entropy on the
 * generic ops. Without a tape, or when no input is tracked, the kernel computes the loss alone;
 * in training it computes the loss and all three gradients in one sweep, and the tape entry's
 * backward hands them on, scaled by the incoming gradient. The gradients are written into arrays
 * this object keeps from one minibatch to the next (a training session's: one pass at a time)
 * and handed to the tape as shared (it never writes into them), so a step allocates nothing for
 * them.
 */
final class FusedOutput {
  private final FusedMode mode;
  private final INDArray[] kept = new INDArray[3];

  FusedOutput(FusedMode mode) {
    this.mode = mode;
  }

  /** The mean loss of {@code h [.., H]·wᵀ + b} against {@code targets}, or empty when the generic ops are to compute it. */
  Optional<Nd4jTensor> run(Nd4jOps ops, Nd4jTensor h, Nd4jTensor w, Nd4jTensor b, INDArray targets) {
    if (mode == FusedMode.OFF || ops.dtype() != DataType.FLOAT) {
      return Optional.empty();
    }
    INDArray wv = w.value();
    if (wv.rank() != 2 || h.value().size(-1) != wv.size(1) || b.value().length() != wv.size(0)) {
      throw new IllegalArgumentException("projectedCrossEntropy: h " + h.shape() + ", w " + w.shape() + " and b " + b.shape()
          + " do not fit (need h [.., H], w [V, H], b [V])");
    }
    INDArray h2 = ops.rows(h.value());
    int[] ids = Encodings.ids(targets, Math.toIntExact(wv.size(0)));
    if (ids.length != h2.size(0)) {
      throw new IllegalArgumentException("projectedCrossEntropy: " + h2.size(0) + " rows of h but " + ids.length + " targets");
    }
    boolean training = ops.tape() != null && (h.tracked() || w.tracked() || b.tracked());
    if (!training) {
      double sum = FusedKernels.output().score(h2, wv, b.value(), ids, null);
      return Optional.of(ops.constant(ops.arena().track(Nd4j.scalar(DataType.FLOAT, (float) (sum / ids.length)))));
    }
    INDArray dh = kept(0, h2.shape());
    INDArray dwv = kept(1, wv.shape());
    INDArray dbv = kept(2, wv.size(0));
    double mean = FusedKernels.output().train(h2, wv, b.value(), ids,
        new ProjectedCrossEntropy.Gradients(dh, dwv, dbv), false);
    INDArray loss = Nd4j.scalar(DataType.FLOAT, (float) mean);
    return Optional.of(ops.result(loss, (g, into) -> {
      float scale = g.getFloat(0);
      if (scale != 1f) {
        dh.muli(scale);
        dwv.muli(scale);
        dbv.muli(scale);
      }
      into.share(h, h.value().rank() == 2 ? dh : dh.reshape('c', h.value().shape()));
      into.share(w, dwv);
      into.share(b, dbv);
    }, h, w, b));
  }

  /** {@code log p(targets[r])} under {@code softmax(h·wᵀ + b)} for each row of {@code h [N, H]}, by the fused kernel. */
  static double[] logProbabilities(INDArray h, INDArray w, INDArray b, int[] targets) {
    double[] out = new double[targets.length];
    FusedKernels.output().score(h, w, b, targets, out);
    return out;
  }

  /** Kept gradient array {@code k} (of {@code h}, {@code W}, {@code b}), made again when the shape changes. */
  private INDArray kept(int k, long... shape) {
    INDArray a = kept[k];
    if (a == null || !Arrays.equals(a.shape(), shape)) {
      if (a != null) {
        a.close();
      }
      a = Nd4j.createUninitialized(DataType.FLOAT, shape);
      kept[k] = a;
    }
    return a;
  }

  /** Frees the kept gradient arrays. */
  void close() {
    for (int k = 0; k < kept.length; k++) {
      if (kept[k] != null && !kept[k].wasClosed()) {
        kept[k].close();
      }
      kept[k] = null;
    }
  }
}
