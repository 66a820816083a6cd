package io.recur.backend.onnx.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.GraphProto;
import com.google.protobuf.ByteString;

/** Node attributes, typed: {@code Attrs.i("axis", -1)}, {@code Attrs.graph("body", g)}. */
public final class Attrs {
  private Attrs() {}

  public static AttributeProto i(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
  }

  public static AttributeProto f(String name, float value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF(value).build();
  }

  public static AttributeProto s(String name, String value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING)
        .setS(ByteString.copyFromUtf8(value)).build();
  }

  public static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
    for (long v : values) {
      b.addInts(v);
    }
    return b.build();
  }

  public static AttributeProto strings(String name, String... values) {
    AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeType.STRINGS);
    for (String v : values) {
      b.addStrings(ByteString.copyFromUtf8(v));
    }
    return b.build();
  }

  public static AttributeProto graph(String name, GraphProto value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeType.GRAPH).setG(value).build();
  }
}
