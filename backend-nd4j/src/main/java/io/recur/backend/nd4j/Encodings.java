package io.recur.backend.nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The token-level ops of {@link Nd4jOps}: one-hot rows, embedding lookup, and the loss. */
final class Encodings {
  private Encodings() {}

  /** Token ids {@code [T, B]} (an integer array) in row-major order, each checked against {@code [0, depth)}. */
  static int[] ids(INDArray tokens, int depth) {
    if (tokens.rank() != 2) {
      throw new IllegalArgumentException("token ids must be [T, B] (got rank " + tokens.rank() + ")");
    }
    int[] ids = (tokens.isView() || tokens.ordering() != 'c' ? tokens.dup('c') : tokens).data().asInt();
    for (int id : ids) {
      if (id < 0 || id >= depth) {
        throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + depth + ")");
      }
    }
    return ids;
  }

  static INDArray oneHot(Nd4jOps ops, INDArray tokens, int depth) {
    int[] ids = ids(tokens, depth);
    double[] rows = new double[ids.length * depth];
    for (int i = 0; i < ids.length; i++) {
      rows[i * depth + ids[i]] = 1;
    }
    return ops.array(rows, tokens.size(0), tokens.size(1), depth);
  }

  /** Rows of {@code table [V, E]}; the gradient is scatter-added back into the rows that were read. */
  static Nd4jTensor embedding(Nd4jOps ops, Nd4jTensor table, INDArray tokens) {
    INDArray tab = table.value();
    if (tab.rank() != 2) {
      throw new IllegalArgumentException("embedding table must be [V, E] (got " + table.shape() + ")");
    }
    int[] ids = ids(tokens, Math.toIntExact(tab.size(0)));
    INDArray rows = ops.arena().track(Nd4j.pullRows(tab, 1, ids));
    INDArray y = rows.reshape('c', tokens.size(0), tokens.size(1), tab.size(1));
    return ops.result(y, (g, into) -> into.addRows(table, ids, ops.rows(g)), table);
  }

  /**
   * {@code target[ids[i]] += rows[i]} for every {@code i}, in place (repeated ids add up);
   * {@code target [V, width]} must own a c-order buffer (an accumulator), {@code rows} is
   * {@code [ids.length, width]}.
   */
  static void scatterAdd(INDArray target, int[] ids, INDArray rows) {
    if (target.isView() || target.ordering() != 'c') {
      throw new IllegalArgumentException("scatterAdd needs a c-order array that owns its buffer");
    }
    int width = Math.toIntExact(target.length() / target.size(0));
    INDArray r = rows.isView() || rows.ordering() != 'c' ? rows.dup('c') : rows;
    if (target.dataType() == DataType.DOUBLE) {
      DoubleBuffer t = target.data().asNioDouble();
      double[] src = r.data().asDouble();
      for (int i = 0; i < ids.length; i++) {
        for (int k = 0, at = ids[i] * width; k < width; k++) {
          t.put(at + k, t.get(at + k) + src[i * width + k]);
        }
      }
      return;
    }
    FloatBuffer t = target.data().asNioFloat();
    FloatBuffer src = r.data().asNioFloat();
    float[] row = new float[width];
    float[] add = new float[width];
    for (int i = 0; i < ids.length; i++) {
      int at = ids[i] * width;
      t.get(at, row, 0, width);
      src.get(i * width, add, 0, width);
      for (int k = 0; k < width; k++) {
        row[k] += add[k];
      }
      t.put(at, row, 0, width);
    }
  }

  /**
   * Mean cross-entropy of {@code logits [..., V]} against {@code targets}, through the log-sum-exp
   * of logits shifted by their row maximum; gradient {@code (softmax − onehot) / N}.
   */
  static Nd4jTensor softmaxCrossEntropy(Nd4jOps ops, Nd4jTensor logits, INDArray targets) {
    INDArray l = ops.rows(logits.value());
    long n = l.size(0);
    int v = Math.toIntExact(l.size(1));
    if (targets.length() != n) {
      throw new IllegalArgumentException("logits " + logits.shape() + " have " + n + " rows but there are " + targets.length() + " targets");
    }
    int[] ids = ids(targets, v);
    Arena arena = ops.arena();
    // No one-hot matrix: at a word-level vocabulary it is the size of the logits (150 MB per
    // minibatch at V = 33k), and allocating it cost more than the rest of the step.
    INDArray p = arena.track(l.subColumnVector(arena.track(l.max(1))));
    double picked = 0;
    for (int i = 0; i < n; i++) {
      picked += p.getDouble(i, ids[i]);
    }
    Transforms.exp(p, false);
    INDArray sums = arena.track(p.sum(1));
    p.diviColumnVector(sums);
    double logSumExp = arena.track(Transforms.log(sums, true)).sumNumber().doubleValue();
    double loss = (logSumExp - picked) / n;
    INDArray value = Nd4j.scalar(ops.dtype(), loss);
    return ops.result(value, (g, into) -> {
      double scale = g.getDouble(0) / n;
      INDArray grad = p.mul(scale);
      for (int i = 0; i < n; i++) {
        grad.putScalar(i, ids[i], grad.getDouble(i, ids[i]) - scale);
      }
      into.add(logits, logits.value().rank() == 2 ? grad : ops.arena().track(grad).reshape('c', logits.value().shape()));
    }, logits);
  }
}
