package io.recur.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir
  Path dir;

  @Test
  void writesAndReplaces() throws IOException {
    Path f = dir.resolve("sub/out.txt");
    AtomicFiles.writeString(f, "one");
    AtomicFiles.writeString(f, "two");
    assertEquals("two", Files.readString(f));
    try (var s = Files.list(f.getParent())) {
      assertEquals(1, s.count(), "no temporary file may remain");
    }
  }

  @Test
  void newFilesAreWorldReadableAndReplacedFilesKeepTheirPermissions() throws IOException {
    Path f = dir.resolve("perm.txt");
    AtomicFiles.writeString(f, "a");
    assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
    AtomicFiles.writeString(f, "b");
    assertEquals("rw-rw----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
  }

  @Test
  void aFailingWriterLeavesTheOldContentAndNoTemporaryFile() throws IOException {
    Path f = dir.resolve("out.txt");
    AtomicFiles.writeString(f, "good");
    assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full");
    }));
    assertEquals("good", Files.readString(f));
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count());
    }
  }
}
