package io.recur.backend.onnx.runtime;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import io.recur.backend.onnx.OnnxExporter;
import io.recur.backend.onnx.testing.Fixtures;
import io.recur.core.InvalidInputException;
import io.recur.core.backend.InferenceSession;
import io.recur.core.config.FusedMode;
import io.recur.core.config.RecurConfig;
import io.recur.core.inference.LoadedModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzing of the ONNX model reader (Jazzer): an exported model damaged as the input says (bytes
 * overwritten, cut, or spliced; optionally with its checksum stamped anew, so that the damage
 * reaches ONNX Runtime) is refused with an {@link InvalidInputException}, or loads and runs — any
 * other exception is a finding. Kept inputs:
 * {@code src/test/resources/io/recur/backend/onnx/runtime/OnnxReaderFuzzTestInputs}.
 */
class OnnxReaderFuzzTest {
  private static byte[] model;
  private static Path dir;
  private final OnnxModelReader reader = new OnnxModelReader(RecurConfig.defaults().withThreads(1));

  private static synchronized byte[] model() throws IOException {
    if (model == null) {
      dir = Files.createTempDirectory("recur-fuzz-onnx");
      ModelSpec spec = ModelSpec.builder().cell("gru").vocabSize(5).hidden(3).build();
      List<String> tokens = new ArrayList<>(List.of(Vocab.UNK, "a", "b", "c", "d"));
      Path f = dir.resolve("base.onnx");
      new OnnxExporter(Fixtures.cells(), FusedMode.AUTO, 1).export(spec, TextSpec.defaults(),
          new Vocab(tokens, new long[] {0, 4, 3, 2, 1}), Fixtures.randomParams(spec, 1), f);
      model = Files.readAllBytes(f);
    }
    return model;
  }

  @FuzzTest(maxDuration = "60s")
  void damagedModel(FuzzedDataProvider data) throws IOException {
    byte[] bytes = model().clone();
    int edits = data.consumeInt(0, 8);
    for (int i = 0; i < edits; i++) {
      bytes[data.consumeInt(0, bytes.length - 1)] = data.consumeByte();
    }
    if (data.consumeBoolean()) {
      bytes = Arrays.copyOf(bytes, data.consumeInt(0, bytes.length));
    }
    boolean restamp = data.consumeBoolean();
    byte[] tail = data.consumeRemainingAsBytes();
    byte[] all = Arrays.copyOf(bytes, bytes.length + tail.length);
    System.arraycopy(tail, 0, all, bytes.length, tail.length);
    if (restamp) {
      try {
        all = Fixtures.restamped(ModelProto.parseFrom(all));
      } catch (InvalidProtocolBufferException e) {
        // not a protobuf any more: nothing to restamp
      }
    }
    Path f = Files.write(dir.resolve("fuzz.onnx"), all);
    try (LoadedModel m = reader.read(f); InferenceSession s = m.model().newSession(1)) {
      s.forward(new int[][] {{1, 2, 3}});
    } catch (InvalidInputException expected) {
      // refused as bad input: the contract
    }
  }
}
