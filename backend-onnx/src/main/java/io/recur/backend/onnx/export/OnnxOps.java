package io.recur.backend.onnx.export;

import io.recur.core.InvalidInputException;
import io.recur.core.cell.Params;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.State;
import io.recur.core.cell.Step;
import io.recur.core.config.FusedMode;
import io.recur.core.layer.LayerOps;
import io.recur.core.model.FloatArray;
import io.recur.core.tensor.Shape;
import io.recur.core.tensor.Tensor;
import java.util.List;

/**
 * {@link LayerOps} that record the inference graph of a model into an {@link OnnxGraph}: the
 * exporter runs a model's one {@code forward} definition on these ops. One-hot input becomes
 * {@code OneHot}, embeddings {@code Gather}, and {@link #recurrent} emits ONNX's own
 * {@code RNN}/{@code LSTM}/{@code GRU} for built-in cells or a {@code Scan} over the cell's
 * recorded step for any other cell (or for every cell with {@link FusedMode#OFF}).
 *
 * <p>The graph is for inference: {@link #dropout} and {@link #softmaxCrossEntropy} are
 * training-time ops and throw.
 */
public final class OnnxOps extends OnnxCellOps implements LayerOps {
  private final FusedMode mode;

  /**
   * @param mode {@code AUTO}: ONNX's operator for built-in cells, {@code Scan} otherwise;
   *     {@code OFF}: {@code Scan} for every cell; {@code ON}: a cell without an operator is an error
   */
  public OnnxOps(OnnxGraph graph, FusedMode mode) {
    super(graph);
    this.mode = mode;
  }

  /**
   * One-hot through {@code OneHot} rather than {@code Gather} on an identity matrix: no
   * {@code V×V} initializer in the file (40 MB at a 10k-word vocabulary).
   */
  @Override
  public Tensor oneHot(Tensor tokens, int depth) {
    OnnxRef t = ref(tokens);
    checkTokens(t);
    OnnxRef values = graph.constant(new FloatArray(new int[] {2}, new float[] {0f, 1f}));
    return graph.op(OnnxOp.ONE_HOT, Shape.of(t.shape().dim(0), t.shape().dim(1), depth),
        List.of(t, graph.int64s(depth), values), Attrs.i("axis", -1));
  }

  @Override
  public Tensor embedding(Tensor table, Tensor tokens) {
    OnnxRef e = ref(table);
    OnnxRef t = ref(tokens);
    checkTokens(t);
    if (e.shape().rank() != 2) {
      throw new IllegalArgumentException("embedding table must be [V, E], got " + e.shape());
    }
    return graph.op(OnnxOp.GATHER, Shape.of(t.shape().dim(0), t.shape().dim(1), e.shape().dim(1)),
        List.of(e, t), Attrs.i("axis", 0));
  }

  @Override
  public Step recurrent(String scope, RecurrentCell cell, Params w, Tensor x, State initial) {
    OnnxRef in = ref(x);
    if (in.shape().rank() != 3) {
      throw new IllegalArgumentException("recurrent input must be [T, B, I], got " + in.shape());
    }
    boolean native_ = mode != FusedMode.OFF && NativeRecurrence.supports(cell, w);
    if (mode == FusedMode.ON && !native_) {
      throw new InvalidInputException(cell + " has no ONNX operator of its own; export it as a Scan with fused mode auto"
          + " (set --fused auto)");
    }
    return native_ ? NativeRecurrence.emit(graph, scope, cell, w, in, initial)
        : ScanRecurrence.emit(graph, scope, cell, w, in, initial);
  }

  @Override
  public Tensor dropout(Tensor x, double p) {
    throw new IllegalStateException("dropout is a training-time op; ONNX export records the inference graph"
        + " (forward with training = false)");
  }

  @Override
  public Tensor softmaxCrossEntropy(Tensor logits, Tensor targets) {
    throw new IllegalStateException("the loss is a training-time op; ONNX export records the inference graph,"
        + " whose output is the logits");
  }

  @Override
  public Tensor meanSquaredError(Tensor predictions, Tensor targets) {
    throw new IllegalStateException("the loss is a training-time op; ONNX export records the inference graph,"
        + " whose output is the predictions");
  }

  private static void checkTokens(OnnxRef t) {
    if (t.shape().rank() != 2) {
      throw new IllegalArgumentException("tokens must be [T, B], got " + t.shape());
    }
  }
}
