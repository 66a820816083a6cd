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
 * backward hands them on, scaled by the incoming gradient. The gradients of {@code W} and
 * {@code b} are written into arrays this object keeps from one minibatch to the next (a
 * training session's: one pass at a time), so a step allocates only {@code dh}.
 */
final class FusedOutput {
  private final FusedMode mode;
  private INDArray dw;
  private INDArray db;

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
    INDArray dh = ops.arena().track(Nd4j.createUninitialized(DataType.FLOAT, h2.shape()));
    INDArray dwv = scratch(true, wv.shape());
    INDArray dbv = scratch(false, wv.size(0));
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
      into.add(h, h.value().rank() == 2 ? dh : dh.reshape('c', h.value().shape()));
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

  /** The kept gradient array of {@code W} or {@code b}, made again when the shape changes. */
  private INDArray scratch(boolean weight, long... shape) {
    INDArray a = weight ? dw : db;
    if (a == null || !Arrays.equals(a.shape(), shape)) {
      if (a != null) {
        a.close();
      }
      a = Nd4j.createUninitialized(DataType.FLOAT, shape);
      if (weight) {
        dw = a;
      } else {
        db = a;
      }
    }
    return a;
  }

  /** Frees the kept gradient arrays. */
  void close() {
    for (INDArray a : new INDArray[] {dw, db}) {
      if (a != null && !a.wasClosed()) {
        a.close();
      }
    }
    dw = null;
    db = null;
  }
}
