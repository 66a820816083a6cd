package io.recur.cli;

import io.recur.core.InvalidInputException;
import io.recur.core.util.TextFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Probes the paths a command will write before it does any work, so that a mistake costs seconds,
 * not a training run: each must be of the right kind (a directory for {@code --out DIR}, a file
 * for {@code --plot}, {@code --metrics}, export's {@code --out}) and writable — tried by creating
 * and deleting a probe file where it will go. Nothing is left behind.
 */
final class OutputPaths {
  private OutputPaths() {}

  /** {@code dir} is an existing writable directory, or can be created. */
  static void directory(String option, Path dir) {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new InvalidInputException(option + " " + dir + " is a file, not a directory; pass a directory (it is created if missing)");
      }
      probe(option, dir, dir);
    } else {
      probe(option, dir, existingAncestor(option, dir));
    }
  }

  /** {@code file} is an existing writable regular file, or can be created. */
  static void file(String option, Path file) {
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(option + " " + file + " is a directory; pass a file name");
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new InvalidInputException(option + " " + file + " is not a regular file (a device, pipe or socket); pass a file name");
    }
    if (Files.exists(file) && !Files.isWritable(file)) {
      throw new InvalidInputException(option + " " + file + " is not writable; pass a file you can write");
    }
    Path parent = file.toAbsolutePath().getParent();
    probe(option, file, Files.isDirectory(parent) ? parent : existingAncestor(option, parent));
  }

  private static Path existingAncestor(String option, Path path) {
    Path p = path.toAbsolutePath().getParent();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null || !Files.isDirectory(p)) {
      throw new InvalidInputException(option + " " + path + " cannot be created: " + p + " is not a directory; pass another path");
    }
    return p;
  }

  private static void probe(String option, Path path, Path dir) {
    try {
      Files.delete(Files.createTempFile(dir, ".recur-probe-", ".tmp"));
    } catch (IOException e) {
      throw new InvalidInputException("cannot write " + option + " " + path + " (in " + dir + "): " + TextFiles.reason(e)
          + "; pass a path you can write to", e);
    }
  }
}
