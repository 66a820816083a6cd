package io.recur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5: {@code recur generate} and {@code recur eval} on an {@code .onnx} file run in a JVM
 * whose class path has no ND4J, no TensorFlow and no JavaCPP/OpenBLAS jars at all (an ONNX serving
 * deployment), and print what they print with everything present.
 */
class OnnxWithoutNd4jTest {
  @TempDir
  Path dir;

  /** The test class path without the {@code org.nd4j}, {@code org.tensorflow} and {@code org.bytedeco} artifacts. */
  private static String withoutNd4j() {
    List<String> all = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    List<String> kept = all.stream().filter(e -> !e.contains("/org/nd4j/") && !e.contains("/org/tensorflow/") && !e.contains("/org/bytedeco/"))
        .toList();
    assertTrue(all.stream().anyMatch(e -> e.contains("nd4j-native")), "ND4J is on the test class path: " + all);
    assertTrue(kept.stream().noneMatch(e -> e.matches(".*/(nd4j-|javacpp-|openblas-)[^/]*\\.jar")), "nothing of ND4J is left: " + kept);
    return String.join(File.pathSeparator, kept);
  }

  /** Runs {@code recur args…} in a fresh JVM on {@code classPath}: exit status, standard output, standard error. */
  private CliRun spawn(String classPath, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", classPath, Recur.class.getName()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("recur " + String.join(" ", args) + " did not finish in 5 minutes");
    }
    return new CliRun(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void generateAndEvalOnAnOnnxFileRunWithoutNd4j() throws Exception {
    String classPath = withoutNd4j();
    String onnx = TrainedModels.charsOnnx().toString();
    String corpus = TrainedModels.corpus().toString();

    String[] generate = {"generate", "--model", onnx, "--prefix", "the time traveller", "--length", "50", "--greedy", "--json"};
    CliRun alone = spawn(classPath, generate);
    assertEquals(0, alone.exit(), alone.err());
    assertEquals(CliRun.of(generate).json().get("text"), alone.json().get("text"));

    String[] eval = {"eval", "--model", onnx, "--corpus", corpus, "--json"};
    CliRun scored = spawn(classPath, eval);
    assertEquals(0, scored.exit(), scored.err());
    JsonObject expected = CliRun.of(eval).json();
    assertEquals(expected.get("ppl"), scored.json().get("ppl"));
    assertEquals(expected.get("tokens"), scored.json().get("tokens"));
  }

  @Test
  void withoutNd4jACheckpointCannotRunOnItAndTheMessageSaysSo() throws Exception {
    CliRun r = spawn(withoutNd4j(), "generate", "--model", TrainedModels.chars().checkpoint().toString(), "--prefix", "the");
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains("unknown backend 'nd4j'; available: [onnx]"), r.err());
    assertEquals("", r.out());
  }
}
