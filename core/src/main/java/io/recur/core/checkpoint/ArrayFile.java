package io.recur.core.checkpoint;

import io.recur.core.InvalidInputException;
import io.recur.core.model.FloatArray;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The binary form of a {@link ParameterSet}: magic {@code RCURARR1}, the entry count, then per
 * entry its key (UTF-8, length-prefixed), rank, dimensions and float32 little-endian values.
 * Integers are big-endian. The CRC32 of the whole file is kept in the manifest.
 */
final class ArrayFile {
  private static final byte[] MAGIC = "RCURARR1".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_RANK = 8;

  private ArrayFile() {}

  static byte[] encode(ParameterSet set) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.toIntExact(set.count() * 4 + 1024));
      DataOutputStream out = new DataOutputStream(bytes);
      out.write(MAGIC);
      out.writeInt(set.size());
      for (Map.Entry<ParamKey, FloatArray> e : set.asMap().entrySet()) {
        out.writeUTF(e.getKey().toString());
        int[] shape = e.getValue().shape();
        out.writeInt(shape.length);
        for (int d : shape) {
          out.writeInt(d);
        }
        float[] data = e.getValue().data();
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        out.write(buf.array());
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static long crc(byte[] bytes) {
    CRC32 c = new CRC32();
    c.update(bytes);
    return c.getValue();
  }

  /** Decodes {@code bytes}; {@code what} names the file in error messages. */
  static ParameterSet decode(byte[] bytes, String what) {
    try {
      DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new InvalidInputException(what + " is not a Recur array file (bad magic)");
      }
      int count = in.readInt();
      if (count < 0 || count > 1_000_000) {
        throw new InvalidInputException(what + " is corrupt (entry count " + count + ")");
      }
      Map<ParamKey, FloatArray> m = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        ParamKey key = ParamKey.parse(in.readUTF());
        int rank = in.readInt();
        if (rank < 0 || rank > MAX_RANK) {
          throw new InvalidInputException(what + " is corrupt (rank " + rank + " for " + key + ")");
        }
        int[] shape = new int[rank];
        long n = 1;
        for (int d = 0; d < rank; d++) {
          shape[d] = in.readInt();
          if (shape[d] < 0) {
            throw new InvalidInputException(what + " is corrupt (negative dimension for " + key + ")");
          }
          n = Math.min(n * shape[d], Integer.MAX_VALUE);
        }
        if (n * 4 > in.available()) {
          throw new InvalidInputException(what + " is truncated (" + key + " needs " + n * 4 + " bytes, " + in.available() + " left)");
        }
        byte[] raw = new byte[(int) n * 4];
        in.readFully(raw);
        float[] data = new float[(int) n];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        m.put(key, new FloatArray(shape, data));
      }
      if (in.available() != 0) {
        throw new InvalidInputException(what + " is corrupt (" + in.available() + " trailing bytes)");
      }
      return new ParameterSet(m);
    } catch (EOFException e) {
      throw new InvalidInputException(what + " is truncated; the checkpoint was damaged after writing — use an intact copy");
    } catch (IOException | IllegalArgumentException e) {
      if (e instanceof InvalidInputException iie) {
        throw iie;
      }
      throw new InvalidInputException(what + " is corrupt: " + e.getMessage(), e);
    }
  }
}
