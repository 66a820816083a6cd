package io.recur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad models and bad options for generate, eval and export: exit 2, one line on standard error naming the problem, no stack trace. */
class ModelErrorsTest {
  @TempDir
  Path dir;

  private static void assertOneLine(CliRun r, String... fragments) {
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    String line = r.errLines().get(0);
    assertTrue(line.startsWith("recur: "), line);
    for (String f : fragments) {
      assertTrue(line.contains(f), "'" + line + "' lacks '" + f + "'");
    }
    assertFalse(r.err().contains("\tat "), "no stack trace");
    assertEquals("", r.out());
  }

  private static CliRun generate(Path model, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "generate";
    all[1] = "--model";
    all[2] = model.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return CliRun.of(all);
  }

  private static CliRun bothCommands(Path model, String... fragments) {
    assertOneLine(CliRun.of("eval", "--model", model.toString(), "--corpus", TrainedModels.corpus().toString()), fragments);
    CliRun r = generate(model, "--prefix", "the time");
    assertOneLine(r, fragments);
    return r;
  }

  @Test
  void aFileThatIsNotOnnx() throws IOException {
    Path f = Files.writeString(dir.resolve("notes.onnx"), "not a model\n", StandardCharsets.UTF_8);
    bothCommands(f, f.toString(), "is not an ONNX model");
  }

  @Test
  void aTruncatedOnnxFile() throws IOException {
    byte[] whole = Files.readAllBytes(TrainedModels.charsOnnx());
    Path f = Files.write(dir.resolve("cut.onnx"), Arrays.copyOf(whole, whole.length * 2 / 3));
    bothCommands(f, f.toString(), "truncated");
  }

  @Test
  void anOnnxModelWithoutRecurMetadata() throws IOException {
    ModelProto stripped = ModelProto.parseFrom(Files.readAllBytes(TrainedModels.charsOnnx())).toBuilder().clearMetadataProps().build();
    Path f = Files.write(dir.resolve("stripped.onnx"), stripped.toByteArray());
    bothCommands(f, f.toString(), "was written by Recur but its metadata is missing");
    Path other = Files.write(dir.resolve("other.onnx"), stripped.toBuilder().setProducerName("someone-else").build().toByteArray());
    bothCommands(other, other.toString(), "is an ONNX model but not a Recur model");
  }

  @Test
  void aMissingModelPath() {
    Path missing = dir.resolve("nowhere");
    bothCommands(missing, missing.toString(), "does not exist");
    assertOneLine(CliRun.of("export", "--model", missing.toString(), "--out", dir.resolve("m.onnx").toString()),
        missing.toString(), "does not exist");
  }

  @Test
  void aDirectoryThatIsNotACheckpoint() throws IOException {
    Path d = Files.createDirectory(dir.resolve("empty"));
    bothCommands(d, d.toString(), "is not a Recur checkpoint");
    assertOneLine(CliRun.of("export", "--model", d.toString(), "--out", dir.resolve("m.onnx").toString()),
        d.toString(), "is not a Recur checkpoint");
  }

  @Test
  void aModelFileOfAnUnknownKind() throws IOException {
    Path f = Files.writeString(dir.resolve("model.pt"), "x");
    bothCommands(f, f.toString(), "known model files: [onnx]");
  }

  @Test
  void badGenerationOptions() {
    Path m = TrainedModels.chars().checkpoint();
    assertOneLine(generate(m, "--prefix", "the", "--length", "0"), "length must be in [1, 16777216] (got 0)", "--length N");
    assertOneLine(generate(m, "--prefix", "the", "--temperature", "0"), "temperature must be > 0", "--temperature X");
    assertOneLine(generate(m, "--prefix", "the", "--greedy", "--beam", "3"), "choose one decoding strategy", "--greedy and --beam");
    assertOneLine(generate(m, "--prefix", "the", "--temperature", "0.8", "--beam", "2"), "--temperature and --beam");
    assertOneLine(generate(m, "--prefix", "the", "--beam", "0"), "beam width must be > 0 (got 0)");
    assertOneLine(generate(m, "--prefix", "the", "--top-p", "1.5"), "top-p must be in (0, 1]");
    assertOneLine(generate(m, "--prefix", ""), "the prefix is empty", "--prefix TEXT");
    assertOneLine(generate(m, "--length", "3"), "Missing required option: '--prefix=TEXT'");
  }

  @Test
  void badEvalOptions() {
    String m = TrainedModels.chars().checkpoint().toString();
    String corpus = TrainedModels.corpus().toString();
    assertOneLine(CliRun.of("eval", "--model", m, "--corpus", corpus, "--tokenizer", "word"),
        "--tokenizer char --preprocess letters", "--tokenizer word was given");
    assertOneLine(CliRun.of("eval", "--model", m, "--corpus", corpus, "--preprocess", "none"),
        "--tokenizer char --preprocess letters", "--preprocess none was given");
    assertOneLine(CliRun.of("eval", "--model", m, "--corpus", corpus, "--val-fraction", "1"), "val-fraction must be in (0, 1) (got 1.0)");
    assertOneLine(CliRun.of("eval", "--model", m, "--corpus", corpus, "--steps", "0"), "steps must be > 0 (got 0)");
    assertOneLine(CliRun.of("eval", "--model", m, "--corpus", dir.resolve("none.txt").toString()), "does not exist");
  }

  @Test
  void badExportOptions() {
    String m = TrainedModels.chars().checkpoint().toString();
    Path out = dir.resolve("m.onnx");
    assertOneLine(CliRun.of("export", "--model", m, "--format", "pmml", "--out", out.toString()),
        "unknown export format 'pmml'; available: [onnx]");
    assertOneLine(CliRun.of("export", "--model", m, "--out", dir.resolve("m.bin").toString()), "lacks the .onnx extension");
    assertOneLine(CliRun.of("export", "--model", m, "--out", out.toString(), "--backend", "onnx"), "--backend nd4j");
    assertOneLine(CliRun.of("export", "--model", TrainedModels.charsOnnx().toString(), "--out", out.toString()),
        "is not a directory", "recur train --out");
    assertFalse(Files.exists(out));
  }
}
