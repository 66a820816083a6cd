package io.recur.backend.nd4j.fused;

import static io.recur.backend.nd4j.fused.FusedKernelBench.BATCH;
import static io.recur.backend.nd4j.fused.FusedKernelBench.HIDDEN;
import static io.recur.backend.nd4j.fused.FusedKernelBench.INPUT;
import static io.recur.backend.nd4j.fused.FusedKernelBench.STEPS;
import static io.recur.backend.nd4j.fused.FusedKernelBench.VOCAB;
import static org.bytedeco.openblas.global.openblas_nolapack.blas_get_num_threads;
import static org.bytedeco.openblas.global.openblas_nolapack.blas_set_num_threads;

import io.recur.backend.nd4j.fused.FusedKernelBench.Timing;
import io.recur.backend.nd4j.fused.Problem.Kind;
import io.recur.core.util.Rng;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The pieces of a fused training pass timed one by one on the same shapes and code (a sum of
 * separately timed parts: cache effects between them are not included), the rest of a training
 * step that is not the kernel's, and the machine's GEMM peak.
 */
final class KernelParts {
  private final Map<String, Double> ms = new LinkedHashMap<>();

  private KernelParts() {}

  /** GFLOP/s of a 1024³ sgemm on {@code threads} OpenBLAS threads (the current setting is restored). */
  static double gemmPeak(double seconds, int threads) {
    int before = blas_get_num_threads();
    blas_set_num_threads(threads);
    int n = 1024;
    FloatBlock a = Problem.zeros(n, n);
    FloatBlock b = Problem.zeros(n, n);
    FloatBlock c = Problem.zeros(n, n);
    double ms = Timing.measure(seconds, () -> Blas.gemm(false, false, n, n, n, a.at(0), n, b.at(0), n, 0f, c.at(0), n)).medianMs();
    blas_set_num_threads(before);
    return 2.0 * n * n * n / ms / 1e6;
  }

  static KernelParts breakdown(Kind kind, double seconds) {
    int gates = switch (kind) {
      case LSTM -> 4;
      case GRU -> 3;
      default -> 1;
    };
    int h = HIDDEN;
    int g = gates * h;
    int n = BATCH * h;
    int rows = BATCH * STEPS;
    Problem p = new Problem(kind, STEPS, BATCH, INPUT, HIDDEN, 5);
    Arguments a = new Arguments(p.cell, FusedKernelBench.oneHot(p), p.paramArrays(), p.stateArrays());
    FloatBlock wh = a.param("W_h");
    FloatBlock act = Problem.zeros(rows, g);
    FloatBlock out = Problem.zeros(STEPS, BATCH, h);
    FloatBlock small = Problem.zeros(BATCH, g);
    KernelParts parts = new KernelParts();
    Layout layout = new Layout(a, gates, 1, new BlockPool());
    parts.time("input projection (one-hot gather)", seconds, () -> layout.projectInput(0, act));
    parts.time("recurrent GEMMs, forward", seconds, () -> {
      for (int t = 0; t < STEPS; t++) {
        Blas.gemm(false, true, BATCH, g, h, out.at(a.row(t, h)), h, wh.at(0), h, 1f, act.at(a.row(t, g)), g);
      }
    });
    parts.time("recurrent GEMMs, backward", seconds, () -> {
      for (int t = 0; t < STEPS; t++) {
        Blas.gemm(false, false, BATCH, h, g, act.at(a.row(t, g)), g, wh.at(0), h, 0f, small.at(0), h);
      }
    });
    FloatBlock dwx = Problem.zeros(g, INPUT);
    FloatBlock dwh = Problem.zeros(g, h);
    parts.time("dW_h GEMM, dW_x scatter", seconds, () -> {
      layout.recurrentWeightGradient(0, act, out, dwh);
      layout.inputWeightGradient(0, act, dwx);
    });
    float[][] v = new float[12][n];
    Rng rng = new Rng(4);
    for (float[] row : v) {
      for (int k = 0; k < n; k++) {
        row[k] = (float) rng.nextGaussian();
      }
    }
    float[][] four = {v[0], v[1], v[2], v[3]};
    float[][] bias = {v[4], v[5], v[6], v[7]};
    float[][] grads = {new float[n], new float[n], new float[n], new float[n]};
    float[][] acc = {new float[n], new float[n], new float[n], new float[n]};
    parts.time("gate arithmetic, forward", seconds, () -> {
      for (int t = 0; t < STEPS; t++) {
        switch (kind) {
          case LSTM -> LstmGates.forward(four, bias, v[8], v[9], v[10], v[11], n);
          case GRU -> GruGates.forward(new float[][] {v[0], v[1], v[2]}, new float[][] {v[3], v[4], v[5]}, bias, v[6], v[8], v[9], n);
          default -> Activations.tanhPlus(v[0], v[1], n);
        }
      }
    });
    parts.time("gate arithmetic, backward", seconds, () -> {
      for (int t = 0; t < STEPS; t++) {
        switch (kind) {
          case LSTM -> LstmGates.backward(four, v[8], v[9], v[10], v[11], grads, acc, n);
          case GRU -> GruGates.backward(v[0], v[1], v[2], v[3], v[8], v[9], new float[][] {grads[0], grads[1], grads[2]}, v[4], acc, n);
          default -> {
            for (int k = 0; k < n; k++) {
              v[9][k] *= 1f - v[8][k] * v[8][k];
            }
            Rows.accumulate(acc[0], v[9], n);
          }
        }
      }
    });
    return parts;
  }

  private void time(String name, double seconds, Runnable body) {
    ms.put(name, Timing.measure(seconds / 3, body).medianMs());
  }

  void print(double totalMs) {
    double sum = 0;
    for (Map.Entry<String, Double> e : ms.entrySet()) {
      System.out.printf(Locale.ROOT, "    %-32s %7.2f ms  %4.1f%%%n", e.getKey(), e.getValue(), 100 * e.getValue() / totalMs);
      sum += e.getValue();
    }
    System.out.printf(Locale.ROOT, "    %-32s %7.2f ms  %4.1f%%%n", "rest (copies, allocation, caches)", totalMs - sum, 100 * (totalMs - sum) / totalMs);
  }

  /**
   * What a training step adds to the kernel (not this package's code; an estimate with the same
   * tools): output projection forward and backward (three GEMMs), softmax cross-entropy with its
   * gradient, the global gradient norm and the SGD update over all parameters.
   */
  static double restOfTrainingStep(double seconds, Problem p) {
    int rows = BATCH * STEPS;
    FloatBlock y = Problem.zeros(rows, HIDDEN);
    FloatBlock w = Problem.zeros(VOCAB, HIDDEN);
    FloatBlock logits = Problem.zeros(rows, VOCAB);
    FloatBlock dW = Problem.zeros(VOCAB, HIDDEN);
    FloatBlock dy = Problem.zeros(rows, HIDDEN);
    float[] l = new float[rows * VOCAB];
    int paramCount = p.reference.paramSizes().values().stream().mapToInt(Integer::intValue).sum() + VOCAB * HIDDEN + VOCAB;
    float[] params = new float[paramCount];
    float[] grads = new float[paramCount];
    int[] targets = new int[rows];
    return Timing.measure(seconds / 2, () -> {
      Blas.gemm(false, true, rows, VOCAB, HIDDEN, y.at(0), HIDDEN, w.at(0), HIDDEN, 0f, logits.at(0), VOCAB);
      logits.read(0, l, l.length);
      for (int r = 0; r < rows; r++) {
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < VOCAB; k++) {
          max = Math.max(max, l[r * VOCAB + k]);
        }
        float sum = 0;
        for (int k = 0; k < VOCAB; k++) {
          l[r * VOCAB + k] = (float) Math.exp(l[r * VOCAB + k] - max);
          sum += l[r * VOCAB + k];
        }
        for (int k = 0; k < VOCAB; k++) {
          l[r * VOCAB + k] = l[r * VOCAB + k] / sum / rows;
        }
        l[r * VOCAB + targets[r]] -= 1f / rows;
      }
      logits.write(0, l, l.length);
      Blas.gemm(true, false, VOCAB, HIDDEN, rows, logits.at(0), VOCAB, y.at(0), HIDDEN, 0f, dW.at(0), HIDDEN);
      Blas.gemm(false, false, rows, HIDDEN, VOCAB, logits.at(0), VOCAB, w.at(0), HIDDEN, 0f, dy.at(0), HIDDEN);
      double norm = 0;
      for (float gv : grads) {
        norm += gv * gv;
      }
      float scale = (float) Math.min(1, 1 / Math.sqrt(norm + 1e-12));
      for (int i = 0; i < params.length; i++) {
        params[i] -= scale * grads[i];
      }
    }).medianMs();
  }
}
