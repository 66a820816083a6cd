package io.recur.backend.nd4j.fused;

import io.recur.core.cell.RecurrentCell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A language model's network — one-hot or embedding input, a stack of built-in cells, the output
 * projection — laid out once for inference calls of a few rows: each call runs layer by layer
 * (the first layer's input projection for all steps at once, then per step one recurrent GEMM or
 * GEMV and the gate arithmetic) and one output GEMM over all its steps, on the calling thread,
 * with working memory from a pool and no ND4J array made. The state is the caller's: per layer,
 * the cell's state arrays {@code [B, H]}, read and overwritten in place. The weights are the
 * arrays given (wrapped, not copied; they must not change) plus a transposed copy of a one-hot
 * first layer's {@code W_x}. Thread-safe.
 */
public final class StepModel {
  private final int vocab;
  private final FloatBlock embedding;
  private final int embed;
  private final List<StepLayer> layers;
  private final FloatBlock outWeight;
  private final float[] outBias;
  private final BlockPool pool = new BlockPool();

  /** One layer: a cell and its parameters by declared name. */
  public record Layer(RecurrentCell cell, Map<String, INDArray> params) {}

  private StepModel(int vocab, INDArray embedding, List<StepLayer> layers, INDArray outWeight, INDArray outBias) {
    this.vocab = vocab;
    this.embedding = embedding == null ? null : FloatBlock.of(embedding);
    this.embed = embedding == null ? 0 : (int) embedding.size(1);
    this.layers = layers;
    this.outWeight = FloatBlock.of(outWeight);
    this.outBias = FloatBlock.of(outBias).toArray();
  }

  /**
   * The model laid out for stepping, or empty when a layer's cell is not a built-in one.
   *
   * @param embedding the table {@code [V, E]}, or {@code null} for one-hot input
   * @param outWeight {@code [V, H]}; {@code outBias [V]}
   */
  public static Optional<StepModel> of(int vocab, INDArray embedding, List<Layer> layers, INDArray outWeight, INDArray outBias) {
    List<StepLayer> built = new ArrayList<>();
    for (Layer l : layers) {
      Optional<StepLayer.Kind> kind = StepLayer.kind(l.cell());
      if (kind.isEmpty()) {
        return Optional.empty();
      }
      built.add(new StepLayer(kind.get(), l.cell(), l.params(), built.isEmpty() && embedding == null));
    }
    return Optional.of(new StepModel(vocab, embedding, List.copyOf(built), outWeight, outBias));
  }

  /**
   * Whether a call of {@code batch} rows and {@code steps} steps belongs here: when no layer's
   * fused pass would divide it among the kernels' team (see {@link FusedKernels#setThreads}).
   */
  public boolean suits(int batch, int steps) {
    Team team = FusedKernels.team();
    for (StepLayer l : layers) {
      if (FusedKernels.workers(team, l.work((long) batch * steps), l.hidden()) > 1) {
        return false;
      }
    }
    return true;
  }

  /**
   * Feeds {@code tokens[b][t]} (ids already checked against the vocabulary) and advances
   * {@code state} in place: per layer, the cell's state arrays, each a contiguous float32
   * {@code [B, H]}. Returns the logits {@code [T, B, V]}, row-major.
   */
  public float[] forward(int[][] tokens, List<List<INDArray>> state) {
    List<FloatBlock> taken = new ArrayList<>();
    try {
      return logits(features(tokens, state, taken), tokens.length * tokens[0].length, taken);
    } finally {
      taken.forEach(pool::give);
    }
  }

  /**
   * As {@link #forward}, returning instead {@code log p(targets[i])} for each row {@code i = t·B + b}
   * of the output (targets time-major, checked by the caller), through the fused output kernel.
   */
  public double[] logProbabilities(int[][] tokens, int[] targets, List<List<INDArray>> state) {
    List<FloatBlock> taken = new ArrayList<>();
    try {
      FloatBlock h = features(tokens, state, taken);
      double[] out = new double[targets.length];
      FusedKernels.output().score(h, outWeight, outBias, layers.get(layers.size() - 1).hidden(), targets, out);
      return out;
    } finally {
      taken.forEach(pool::give);
    }
  }

  /** Runs every layer over the call; returns the top layer's outputs {@code [T·B, H]} (a block in {@code taken}). */
  private FloatBlock features(int[][] tokens, List<List<INDArray>> state, List<FloatBlock> taken) {
    int batch = tokens.length;
    int steps = tokens[0].length;
    int rows = batch * steps;
    int[] ids = new int[rows];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < steps; t++) {
        ids[t * batch + b] = tokens[b][t];
      }
    }
    FloatBlock x = null;
    if (embedding != null) {
      x = take(taken, (long) rows * embed);
      float[] row = new float[embed];
      for (int r = 0; r < rows; r++) {
        embedding.read((long) ids[r] * embed, row, embed);
        x.write((long) r * embed, row, embed);
      }
    }
    for (int l = 0; l < layers.size(); l++) {
      StepLayer layer = layers.get(l);
      FloatBlock pre = take(taken, (long) rows * layer.width());
      if (x == null) {
        layer.project(ids, pre);
      } else {
        layer.project(x, rows, pre);
      }
      FloatBlock out = take(taken, (long) rows * layer.hidden());
      layer.run(pre, steps, batch, state.get(l).stream().map(s -> FloatBlock.inPlace(s, "state")).toList(), out, pool);
      x = out;
    }
    return x;
  }

  private float[] logits(FloatBlock h, int rows, List<FloatBlock> taken) {
    int hidden = layers.get(layers.size() - 1).hidden();
    FloatBlock out = take(taken, (long) rows * vocab);
    for (int r = 0; r < rows; r++) {
      out.write((long) r * vocab, outBias, vocab);
    }
    Blas.gemm(false, true, rows, vocab, hidden, h.at(0), hidden, outWeight.at(0), hidden, 1f, out.at(0), vocab);
    float[] logits = new float[rows * vocab];
    out.read(0, logits, logits.length);
    return logits;
  }

  private FloatBlock take(List<FloatBlock> taken, long length) {
    FloatBlock b = pool.take(length);
    taken.add(b);
    return b;
  }
}
