package io.recur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --backend tensorflow} on the command line, each command in a fresh JVM that reports
 * whether TensorFlow's natives were loaded: {@code train} and {@code generate} on TensorFlow load
 * them; {@code stats}, and {@code generate} and {@code eval} of the same checkpoint on ND4J, do not.
 */
class TensorFlowCliTest {
  @TempDir
  Path dir;

  /** Exit status, standard output, and whether TensorFlow was mapped. */
  private record Spawned(int exit, List<String> out, boolean tensorflow, String err) {
    JsonObject json() {
      return JsonParser.parseString(out.get(out.size() - 1)).getAsJsonObject();
    }
  }

  private Spawned recur(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path"), LoadsTensorFlow.class.getName()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "recur " + String.join(" ", args) + " finished");
    List<String> errLines = Files.readAllLines(err);
    String last = errLines.get(errLines.size() - 1);
    assertTrue(last.startsWith(LoadsTensorFlow.MARKER), last);
    return new Spawned(p.exitValue(), Files.readAllLines(out), last.endsWith("true"), String.join("\n", errLines));
  }

  @Test
  void tensorflowTrainsAndGeneratesAndOtherCommandsNeverLoadIt() throws Exception {
    String corpus = TrainedModels.corpus().toString();
    String model = dir.resolve("tf").toString();

    Spawned stats = recur("stats", "--corpus", corpus, "--json");
    assertEquals(0, stats.exit(), stats.err());
    assertEquals(false, stats.tensorflow(), "recur stats loaded TensorFlow");

    Spawned train = recur("train", "--backend", "tensorflow", "--corpus", corpus, "--cell", "gru", "--hidden", "16", "--epochs", "1",
        "--batch", "4", "--steps", "8", "--seed", "3", "--out", model, "--json");
    assertEquals(0, train.exit(), train.err());
    assertTrue(train.tensorflow());
    assertEquals("tensorflow", train.json().get("backend").getAsString());
    assertTrue(train.json().get("compute").getAsString().startsWith("TensorFlow 2."), train.json().toString());

    String[] generate = {"generate", "--model", model, "--prefix", "the time", "--length", "20", "--greedy", "--json"};
    Spawned onTf = recur(withBackend(generate, "tensorflow"));
    assertEquals(0, onTf.exit(), onTf.err());
    assertTrue(onTf.tensorflow());
    Spawned onNd4j = recur(withBackend(generate, "nd4j"));
    assertEquals(0, onNd4j.exit(), onNd4j.err());
    assertEquals(false, onNd4j.tensorflow(), "generate on ND4J loaded TensorFlow");
    assertEquals(onTf.json().get("text"), onNd4j.json().get("text"), "the same greedy text on both backends");

    Spawned eval = recur("eval", "--model", model, "--corpus", corpus, "--backend", "nd4j", "--json");
    assertEquals(0, eval.exit(), eval.err());
    assertEquals(false, eval.tensorflow());
  }

  private static String[] withBackend(String[] args, String backend) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--backend", backend));
    return all.toArray(String[]::new);
  }
}
