package io.recur.backend.onnx.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import io.recur.core.cell.GruCell;
import io.recur.core.cell.LstmCell;
import io.recur.core.cell.Params;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.RnnCell;
import io.recur.core.cell.State;
import io.recur.core.cell.Step;
import io.recur.core.model.FloatArray;
import io.recur.core.tensor.Shape;
import io.recur.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Emits a built-in cell as ONNX's own recurrent operator ({@code RNN}, {@code LSTM},
 * {@code GRU}), converting its parameters with {@link GateLayout}. The operators work on
 * {@code [1, B, H]} states and a {@code [T, 1, B, H]} output (one direction); Unsqueeze and
 * Squeeze nodes adapt them to Recur's {@code [B, H]} and {@code [T, B, H]}.
 */
final class NativeRecurrence {
  private NativeRecurrence() {}

  /** Whether {@code cell} has an ONNX operator and its parameters are initializers whose data can be converted. */
  static boolean supports(RecurrentCell cell, Params w) {
    boolean builtIn = cell instanceof LstmCell || cell instanceof GruCell || cell instanceof RnnCell;
    return builtIn && cell.params().stream().allMatch(p -> w.get(p.name()) instanceof OnnxRef.Param);
  }

  static Step emit(OnnxGraph g, String scope, RecurrentCell cell, Params w, OnnxRef x, State initial) {
    FloatArray wx = data(w, "W_x");
    FloatArray wh = data(w, "W_h");
    FloatArray b = data(w, "b");
    int hidden = cell.hiddenSize();
    OnnxOp op;
    FloatArray bias;
    int[] blocks;
    List<AttributeProto> attrs = new ArrayList<>(List.of(Attrs.i("hidden_size", hidden)));
    if (cell instanceof LstmCell) {
      op = OnnxOp.LSTM;
      blocks = GateLayout.LSTM_BLOCKS;
      bias = GateLayout.bias(b, blocks);
    } else if (cell instanceof GruCell) {
      op = OnnxOp.GRU;
      blocks = GateLayout.GRU_BLOCKS;
      bias = GateLayout.gruBias(b, data(w, "b_hn"));
      attrs.add(Attrs.i("linear_before_reset", 1));
    } else {
      op = OnnxOp.RNN;
      blocks = GateLayout.RNN_BLOCKS;
      bias = GateLayout.bias(b, blocks);
      attrs.add(Attrs.strings("activations", ((RnnCell) cell).activation() == RnnCell.Activation.TANH ? "Tanh" : "Relu"));
    }
    String prefix = scope + ".onnx_" + op.opType().toLowerCase(Locale.ROOT) + ".";
    List<OnnxRef> inputs = new ArrayList<>(List.of(x,
        g.param(prefix + "W", GateLayout.weights(wx, blocks)),
        g.param(prefix + "R", GateLayout.weights(wh, blocks)),
        g.param(prefix + "B", bias),
        OnnxRef.Value.ABSENT));
    long steps = x.shape().dim(0);
    long batch = x.shape().dim(1);
    Shape state = Shape.of(1, batch, hidden);
    List<Shape> outShapes = new ArrayList<>(List.of(Shape.of(steps, 1, batch, hidden)));
    for (int i = 0; i < initial.size(); i++) {
      OnnxRef s = OnnxCellOps.ref(initial.get(i));
      inputs.add(g.op(OnnxOp.UNSQUEEZE, state, List.of(s, g.int64s(0))));
      outShapes.add(state);
    }
    List<OnnxRef.Value> out = g.node(op, inputs, outShapes, attrs.toArray(AttributeProto[]::new));
    OnnxRef.Value y = g.op(OnnxOp.SQUEEZE, Shape.of(steps, batch, hidden), List.of(out.get(0), g.int64s(1)));
    List<Tensor> finals = new ArrayList<>();
    for (int i = 1; i < out.size(); i++) {
      finals.add(g.op(OnnxOp.SQUEEZE, Shape.of(batch, hidden), List.of(out.get(i), g.int64s(0))));
    }
    return new Step(y, new State(finals));
  }

  private static FloatArray data(Params w, String name) {
    return ((OnnxRef.Param) w.get(name)).data();
  }
}
