package io.recur.backend.onnx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment starts in a process with a long command line: ONNX Runtime 1.29's telemetry
 * recursed through it on the caller's stack and killed the JVM (SIGSEGV, exit 139) beyond ~3.5 KB.
 */
class OrtRuntimeTest {
  @TempDir
  Path dir;

  /** Starts the environment and prints the version. */
  public static final class Start {
    public static void main(String[] args) {
      System.out.println(OrtRuntime.version());
    }
  }

  @Test
  void theEnvironmentStartsUnderACommandLineOf100KbWithTelemetryOn() throws Exception {
    // the class path goes in an argument file (Linux paths: no quotes or backslashes to escape), so that only the padding is long
    Path args = Files.writeString(dir.resolve("cp.args"), "-cp \"" + System.getProperty("java.class.path") + "\"");
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + args,
        "-Drecur.padding=" + "x".repeat(100_000), Start.class.getName());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
    pb.environment().remove("ORT_DISABLE_TELEMETRY");
    Process p = pb.start();
    boolean finished = p.waitFor(3, TimeUnit.MINUTES);
    p.destroyForcibly();
    assertTrue(finished, "the JVM did not finish in 3 minutes");
    String out = Files.readString(dir.resolve("out.txt"));
    assertEquals(0, p.exitValue(), out);
    assertEquals(OrtRuntime.version(), out.strip());
  }
}
