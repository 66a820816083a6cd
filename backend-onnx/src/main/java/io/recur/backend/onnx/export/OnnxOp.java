package io.recur.backend.onnx.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import java.util.List;

/**
 * The ONNX operators Recur emits, each with the version it has under {@link OnnxGraph#OPSET},
 * the number of inputs and outputs the spec allows, and the attributes Recur sets (mandatory
 * ones flagged). {@link OnnxGraph#node} checks every node against this table, so a malformed
 * node fails while the graph is built rather than when ONNX Runtime loads it.
 */
public enum OnnxOp {
  ADD("Add", 14, 2, 2, 1, 1),
  SUB("Sub", 14, 2, 2, 1, 1),
  MUL("Mul", 14, 2, 2, 1, 1),
  SIGMOID("Sigmoid", 13, 1, 1, 1, 1),
  TANH("Tanh", 13, 1, 1, 1, 1),
  RELU("Relu", 14, 1, 1, 1, 1),
  IDENTITY("Identity", 16, 1, 1, 1, 1),
  /** {@code alpha·A'·B' + beta·C}; Recur uses it as {@code x·Wᵀ} on rank-2 inputs. */
  GEMM("Gemm", 13, 2, 3, 1, 1, optional("transA", AttributeType.INT), optional("transB", AttributeType.INT),
      optional("alpha", AttributeType.FLOAT), optional("beta", AttributeType.FLOAT)),
  MATMUL("MatMul", 13, 2, 2, 1, 1),
  TRANSPOSE("Transpose", 13, 1, 1, 1, 1, optional("perm", AttributeType.INTS)),
  /** Equal parts when the optional {@code split} input is absent; the output count sets the number of parts. */
  SPLIT("Split", 13, 1, 2, 1, Integer.MAX_VALUE, optional("axis", AttributeType.INT)),
  CONCAT("Concat", 13, 1, Integer.MAX_VALUE, 1, 1, required("axis", AttributeType.INT)),
  GATHER("Gather", 13, 2, 2, 1, 1, optional("axis", AttributeType.INT)),
  /** Inputs: indices, depth, values {@code [off, on]}. */
  ONE_HOT("OneHot", 11, 3, 3, 1, 1, optional("axis", AttributeType.INT)),
  /** Axes are an int64 input since opset 13. */
  UNSQUEEZE("Unsqueeze", 13, 2, 2, 1, 1),
  SQUEEZE("Squeeze", 13, 1, 2, 1, 1),
  /** Inputs: X, W, R, B, sequence_lens, initial_h; outputs: Y, Y_h. */
  RNN("RNN", 14, 3, 6, 0, 2, required("hidden_size", AttributeType.INT),
      optional("activations", AttributeType.STRINGS), optional("direction", AttributeType.STRING),
      optional("layout", AttributeType.INT)),
  /** Inputs: X, W, R, B, sequence_lens, initial_h, initial_c, P; outputs: Y, Y_h, Y_c. Gates i, o, f, c. */
  LSTM("LSTM", 14, 3, 8, 0, 3, required("hidden_size", AttributeType.INT),
      optional("direction", AttributeType.STRING), optional("layout", AttributeType.INT)),
  /** Inputs: X, W, R, B, sequence_lens, initial_h; outputs: Y, Y_h. Gates z, r, h. */
  GRU("GRU", 14, 3, 6, 0, 2, required("hidden_size", AttributeType.INT),
      required("linear_before_reset", AttributeType.INT), optional("direction", AttributeType.STRING),
      optional("layout", AttributeType.INT)),
  /** Inputs: X, Scale, optional B; normalises over the axes from {@code axis} on (Recur: the last). */
  LAYER_NORMALIZATION("LayerNormalization", 17, 2, 3, 1, 3, optional("axis", AttributeType.INT),
      optional("epsilon", AttributeType.FLOAT), optional("stash_type", AttributeType.INT)),
  /** Inputs: the N initial states, then the M scan inputs; outputs: the N final states, then the K scan outputs. */
  SCAN("Scan", 16, 1, Integer.MAX_VALUE, 1, Integer.MAX_VALUE, required("body", AttributeType.GRAPH),
      required("num_scan_inputs", AttributeType.INT), optional("scan_input_axes", AttributeType.INTS),
      optional("scan_output_axes", AttributeType.INTS));

  /** One attribute an operator accepts. */
  public record Attribute(String name, AttributeType type, boolean mandatory) {}

  private final String opType;
  private final int sinceVersion;
  private final int minInputs;
  private final int maxInputs;
  private final int minOutputs;
  private final int maxOutputs;
  private final List<Attribute> attributes;

  OnnxOp(String opType, int sinceVersion, int minInputs, int maxInputs, int minOutputs, int maxOutputs,
      Attribute... attributes) {
    this.opType = opType;
    this.sinceVersion = sinceVersion;
    this.minInputs = minInputs;
    this.maxInputs = maxInputs;
    this.minOutputs = minOutputs;
    this.maxOutputs = maxOutputs;
    this.attributes = List.of(attributes);
  }

  private static Attribute required(String name, AttributeType type) {
    return new Attribute(name, type, true);
  }

  private static Attribute optional(String name, AttributeType type) {
    return new Attribute(name, type, false);
  }

  /** The ONNX {@code op_type}. */
  public String opType() {
    return opType;
  }

  /** The opset in which this operator's current definition appeared (at most {@link OnnxGraph#OPSET}). */
  public int sinceVersion() {
    return sinceVersion;
  }

  public List<Attribute> attributes() {
    return attributes;
  }

  /**
   * Checks a node about to be emitted.
   *
   * @throws IllegalArgumentException naming the operator and what is wrong
   */
  void check(int inputs, int outputs, List<AttributeProto> given) {
    if (inputs < minInputs || inputs > maxInputs) {
      throw new IllegalArgumentException(opType + " takes " + range(minInputs, maxInputs) + " inputs, got " + inputs);
    }
    if (outputs < minOutputs || outputs > maxOutputs) {
      throw new IllegalArgumentException(opType + " has " + range(minOutputs, maxOutputs) + " outputs, asked for " + outputs);
    }
    for (AttributeProto a : given) {
      Attribute spec = attributes.stream().filter(s -> s.name().equals(a.getName())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(opType + " has no attribute '" + a.getName()
              + "' that Recur emits; known: " + attributes.stream().map(Attribute::name).toList()));
      if (spec.type() != a.getType()) {
        throw new IllegalArgumentException(opType + " attribute '" + a.getName() + "' must be " + spec.type()
            + ", got " + a.getType());
      }
    }
    for (Attribute spec : attributes) {
      if (spec.mandatory() && given.stream().noneMatch(a -> a.getName().equals(spec.name()))) {
        throw new IllegalArgumentException(opType + " needs attribute '" + spec.name() + "'");
      }
    }
  }

  private static String range(int lo, int hi) {
    if (lo == hi) {
      return Integer.toString(lo);
    }
    return hi == Integer.MAX_VALUE ? "at least " + lo : lo + " to " + hi;
  }
}
