package io.recur.backend.onnx.export;

import io.recur.core.model.FloatArray;
import io.recur.core.tensor.Shape;
import io.recur.core.tensor.Tensor;
import java.util.Arrays;

/**
 * A named value in an ONNX graph under construction: the {@link Tensor} that {@link OnnxOps}
 * hands to models and cells. A {@link Param} is a float initializer whose data the exporter
 * can still read (to convert gate order for ONNX's own recurrent operators); a {@link Value}
 * is anything else — a graph input, a node output, an integer constant.
 */
public sealed interface OnnxRef extends Tensor permits OnnxRef.Param, OnnxRef.Value {
  /** The name the graph refers to it by. */
  String name();

  /** A float initializer with its data, added to the model when a node first uses it. */
  record Param(String name, FloatArray data) implements OnnxRef {
    public Param {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("an initializer needs a name");
      }
    }

    @Override
    public Shape shape() {
      return new Shape(Arrays.stream(data.shape()).asLongStream().toArray());
    }
  }

  /** A graph input or node output; dimensions known only at run time are {@link Shape#UNKNOWN}. */
  record Value(String name, Shape shape) implements OnnxRef {
    /** An omitted optional input (the empty name ONNX uses for it). */
    public static final Value ABSENT = new Value("", Shape.of());

    public Value {
      if (name == null) {
        throw new IllegalArgumentException("a value needs a name");
      }
    }
  }
}
