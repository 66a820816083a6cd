package io.recur.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs {@code recur args…} in this JVM, then says on the last line of standard error whether a
 * TensorFlow library is mapped into the process ({@code /proc/self/maps}); exits with the
 * command's status. {@link TensorFlowCliTest} starts it in a fresh JVM.
 */
public final class LoadsTensorFlow {
  static final String MARKER = "tensorflow mapped: ";

  private LoadsTensorFlow() {}

  public static void main(String[] args) throws IOException {
    PrintWriter err = new PrintWriter(System.err, true);
    int exit = Recur.run(args, new PrintWriter(System.out, true), err);
    err.println(MARKER + Files.readString(Path.of("/proc/self/maps")).contains("libtensorflow"));
    System.exit(exit);
  }
}
