package io.recur.backend.onnx.export;

import ai.onnx.proto.OnnxMl.TensorProto;
import io.recur.core.cell.Params;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.cell.Step;
import io.recur.core.tensor.Shape;
import io.recur.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Exports any cell, with no code of its own: its {@code step}, run once on {@link OnnxCellOps}
 * over a body graph, becomes the body of an ONNX {@code Scan} that iterates over time. Body
 * inputs are the states then {@code x_t}; body outputs the new states then {@code y_t}. The
 * cell's parameters stay initializers of the main graph, referenced from the body by name;
 * every body name carries the prefix {@code <scope>.scan/}, so none can shadow an outer name.
 */
final class ScanRecurrence {
  private ScanRecurrence() {}

  static Step emit(OnnxGraph g, String scope, RecurrentCell cell, Params w, OnnxRef x, State initial) {
    List<StateSpec> specs = cell.state();
    if (initial.size() != specs.size()) {
      throw new IllegalArgumentException(cell + " declares " + specs.size() + " state tensors but got " + initial.size());
    }
    OnnxGraph body = g.subgraph(scope + ".scan/");
    List<Tensor> states = new ArrayList<>();
    for (StateSpec s : specs) {
      states.add(body.input("state." + s.name(), TensorProto.DataType.FLOAT, Dim.BATCH, Dim.of(s.size())));
    }
    OnnxRef xt = body.input("x", TensorProto.DataType.FLOAT, Dim.BATCH, Dim.of(cell.inputSize()));
    Step step = cell.step(new OnnxCellOps(body), w, xt, new State(states));
    if (step.state().size() != specs.size()) {
      throw new IllegalStateException(cell + ".step returned " + step.state().size()
          + " state tensors but the cell declares " + specs.size() + ": " + specs);
    }
    for (Tensor s : step.state().values()) {
      body.output(OnnxCellOps.ref(s));
    }
    body.output(OnnxCellOps.ref(step.output()));

    long steps = x.shape().dim(0);
    long batch = x.shape().dim(1);
    List<OnnxRef> inputs = new ArrayList<>();
    List<Shape> shapes = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      inputs.add(OnnxCellOps.ref(initial.get(i)));
      shapes.add(Shape.of(batch, specs.get(i).size()));
    }
    inputs.add(x);
    shapes.add(Shape.of(steps, batch, cell.hiddenSize()));
    List<OnnxRef.Value> out = g.node(OnnxOp.SCAN, inputs, shapes,
        Attrs.graph("body", body.build()), Attrs.i("num_scan_inputs", 1));
    return new Step(out.get(specs.size()), new State(new ArrayList<>(out.subList(0, specs.size()))));
  }
}
