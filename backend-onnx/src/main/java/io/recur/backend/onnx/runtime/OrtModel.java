package io.recur.backend.onnx.runtime;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.InvalidProtocolBufferException;
import io.recur.backend.onnx.export.ModelSignature;
import io.recur.backend.onnx.export.RecurMetadata;
import io.recur.core.InvalidInputException;
import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.InferenceSession;
import io.recur.core.cell.StateSpec;
import io.recur.core.model.ModelSpec;
import io.recur.core.util.Checks;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Recur model (language or series) loaded into ONNX Runtime: one {@link OrtSession}, thread-safe
 * and shared by the {@link InferenceSession}s it opens, each of which holds its own recurrent state.
 * {@link #open} refuses, with a message saying which, bytes that are not ONNX, a truncated file,
 * and ONNX models that are not Recur models; a graph ONNX Runtime cannot load or run is refused
 * as bad input too, at load or first run.
 */
public final class OrtModel implements InferenceModel {
  private final OrtSession session;
  private final String source;
  private final ModelSpec spec;
  private final ModelSignature signature;
  private final Map<String, String> metadata;
  private volatile boolean closed;

  private OrtModel(OrtSession session, String source, ModelSpec spec, ModelSignature signature, Map<String, String> metadata) {
    this.session = session;
    this.source = source;
    this.spec = spec;
    this.signature = signature;
    this.metadata = metadata;
  }

  /**
   * Loads a model.
   *
   * @param onnx the bytes of an {@code .onnx} file written by Recur's exporter
   * @param source what the bytes are (a file name), for messages
   * @param threads intra-op threads
   */
  public static OrtModel open(byte[] onnx, String source, int threads) {
    Map<String, String> props = metadata(parse(onnx, source), source);
    ModelSpec spec = RecurMetadata.checkedSpec(props, source);
    ModelSignature signature = RecurMetadata.signature(props, spec.task(), source);
    OrtSession session;
    try {
      session = OrtRuntime.open(onnx, Checks.positive("threads", threads));
    } catch (OrtException e) {
      throw notRunnable(source, e);
    }
    try {
      checkNames("input", session.getInputNames(), signature.inputNames(), source);
      checkNames("output", session.getOutputNames(), signature.outputNames(), source);
    } catch (InvalidInputException e) {
      close(session);
      throw e;
    }
    return new OrtModel(session, source, spec, signature, props);
  }

  /** The first byte of an ONNX file as every writer emits it: field 1 ({@code ir_version}), a varint. */
  private static final byte IR_VERSION_TAG = 0x08;

  private static ModelProto parse(byte[] onnx, String source) {
    ModelProto proto;
    try {
      proto = ModelProto.parseFrom(onnx);
    } catch (InvalidProtocolBufferException e) {
      boolean startsLikeOnnx = onnx.length > 0 && onnx[0] == IR_VERSION_TAG;
      if (startsLikeOnnx && String.valueOf(e.getMessage()).contains("ended unexpectedly")) {
        throw new InvalidInputException(source + " is truncated: its ONNX data ends in the middle of a field ("
            + onnx.length + " bytes); copy or export the model again", e);
      }
      throw new InvalidInputException(source + " is not an ONNX model (it does not parse as an ONNX protobuf: "
          + e.getMessage() + "); pass a .onnx file written by recur export", e);
    }
    if (!proto.hasGraph() || proto.getIrVersion() <= 0 || proto.getOpsetImportCount() == 0) {
      throw new InvalidInputException(source + " is not an ONNX model (no graph, IR version or opset in "
          + onnx.length + " bytes); pass a .onnx file written by recur export");
    }
    return proto;
  }

  private static Map<String, String> metadata(ModelProto proto, String source) {
    Map<String, String> props = new LinkedHashMap<>();
    for (StringStringEntryProto e : proto.getMetadataPropsList()) {
      props.put(e.getKey(), e.getValue());
    }
    if (props.isEmpty() && "recur".equals(proto.getProducerName())) {
      throw new InvalidInputException(source + " was written by Recur but its metadata is missing: the file is"
          + " truncated or damaged; export the model again");
    }
    RecurMetadata.check(props, source);
    RecurMetadata.verify(proto, props, source);
    return Map.copyOf(props);
  }

  private static void checkNames(String kind, Set<String> actual, List<String> expected, String source) {
    for (String name : expected) {
      if (!actual.contains(name)) {
        throw new InvalidInputException(source + " lacks the " + kind + " '" + name + "' its Recur metadata promises (it has "
            + actual + "); export the model again");
      }
    }
  }

  /** The model's {@code metadata_props}. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** What this model was loaded from, for messages. */
  public String source() {
    return source;
  }

  public ModelSignature signature() {
    return signature;
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public String backend() {
    return "onnx";
  }

  @Override
  public InferenceSession newSession(int batch) {
    checkOpen();
    return new OrtInferenceSession(this, Checks.positive("batch", batch, "pass a batch of at least one row"));
  }

  /** Outputs {@code [T, B, V or D]} and the state after the last step, one array {@code [B, size]} per state vector. */
  record Outputs(float[] outputs, float[][] states) {}

  /**
   * Runs a language model once.
   *
   * @param tokens token ids, time-major {@code [steps, batch]}; steps ≥ 1 (ONNX Runtime's recurrent ops crash on 0)
   * @param states one {@code [batch, size]} array per state vector, in {@link ModelSignature#states()} order
   */
  Outputs run(long[] tokens, int steps, int batch, float[][] states) {
    checkOpen();
    if (steps < 1 || (long) steps * batch != tokens.length) {
      throw new IllegalArgumentException("need steps >= 1 and " + steps + "·" + batch + " tokens, got " + tokens.length);
    }
    try {
      return run(OnnxTensor.createTensor(OrtRuntime.environment(), LongBuffer.wrap(tokens), new long[] {steps, batch}),
          steps, batch, states);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed to take the input of " + source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs a series model once.
   *
   * @param values time-major {@code [steps, batch, features]}; steps ≥ 1
   * @param states as for {@link #run(long[], int, int, float[][])}
   */
  Outputs run(float[] values, int steps, int batch, float[][] states) {
    checkOpen();
    if (steps < 1 || (long) steps * batch * spec.features() != values.length) {
      throw new IllegalArgumentException("need steps >= 1 and " + steps + "·" + batch + "·" + spec.features() + " values, got "
          + values.length);
    }
    try {
      return run(OnnxTensor.createTensor(OrtRuntime.environment(), FloatBuffer.wrap(values),
          new long[] {steps, batch, spec.features()}), steps, batch, states);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed to take the input of " + source + ": " + e.getMessage(), e);
    }
  }

  /** Runs the model on {@code sequence} (closed here) from {@code states}. */
  private Outputs run(OnnxTensor sequence, int steps, int batch, float[][] states) {
    List<StateSpec> specs = signature.states();
    Map<String, OnnxTensor> inputs = new HashMap<>();
    inputs.put(signature.input(), sequence);
    try {
      List<String> in = signature.inputNames();
      for (int i = 0; i < specs.size(); i++) {
        inputs.put(in.get(i + 1), OnnxTensor.createTensor(OrtRuntime.environment(), FloatBuffer.wrap(states[i]),
            new long[] {batch, specs.get(i).size()}));
      }
      try (OrtSession.Result r = session.run(inputs)) {
        List<String> out = signature.outputNames();
        float[] outputs = read(r, out.get(0), (long) steps * batch * spec.outputSize());
        List<float[]> next = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
          next.add(read(r, out.get(i + 1), (long) batch * specs.get(i).size()));
        }
        return new Outputs(outputs, next.toArray(float[][]::new));
      }
    } catch (OrtException e) {
      throw notRunnable(source, e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  /**
   * ONNX Runtime refused to load or run a model that passed Recur's checks (format, checksum,
   * metadata) on input Recur checked: its graph is damaged behind a valid checksum (a fuzz
   * finding) or was not written by Recur's exporter. One line naming the file.
   */
  private static InvalidInputException notRunnable(String source, OrtException e) {
    String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    return new InvalidInputException(source + " is not a model Recur can run (ONNX Runtime: " + reason
        + "); export it again with recur export", e);
  }

  private static float[] read(OrtSession.Result r, String name, long size) {
    OnnxTensor t = (OnnxTensor) r.get(name).orElseThrow(() -> new IllegalStateException("ONNX Runtime returned no " + name));
    FloatBuffer b = t.getFloatBuffer();
    if (b.remaining() != size) {
      throw new IllegalStateException(name + " has " + b.remaining() + " values, expected " + size);
    }
    float[] out = new float[(int) size];
    b.get(out);
    return out;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the ONNX Runtime model " + source + " is closed");
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      close(session);
    }
  }

  private static void close(OrtSession s) {
    try {
      s.close();
    } catch (OrtException e) {
      throw new IllegalStateException("could not close an ONNX Runtime session: " + e.getMessage(), e);
    }
  }
}
