package io.recur.core.checkpoint;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.recur.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Fuzzing of the checkpoint readers (Jazzer): whatever the bytes, reading refuses them with an
 * {@link InvalidInputException} or loads a checkpoint — any other exception is a finding. The
 * suite replays the kept inputs under {@code src/test/resources/io/recur/core/checkpoint/CheckpointFuzzTestInputs};
 * {@code JAZZER_FUZZ=1 mvn -pl core -am test -Dtest='CheckpointFuzzTest#manifestBody'} fuzzes one target
 * (docs/reliability.md).
 */
class CheckpointFuzzTest {
  private static final Path FIXTURE = Path.of("src/test/resources/checkpoints/lstm-v3");
  private static Path dir;

  /** A copy of the format-3 fixture whose manifest each input replaces. */
  private static synchronized Path checkpoint() throws IOException {
    if (dir == null) {
      dir = Files.createTempDirectory("recur-fuzz-checkpoint");
      try (Stream<Path> files = Files.list(FIXTURE)) {
        for (Path f : files.toList()) {
          Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return dir;
  }

  private static void read(byte[] manifest) throws IOException {
    Path d = checkpoint();
    Files.write(d.resolve(CheckpointStore.MANIFEST), manifest);
    try {
      CheckpointStore.read(d);
    } catch (InvalidInputException expected) {
      // refused as bad input: the contract
    }
  }

  /** Raw manifest bytes: almost all stop at the checksum or the UTF-8 check. */
  @FuzzTest(maxDuration = "60s")
  void manifestBytes(byte[] data) throws IOException {
    read(data);
  }

  /** A manifest body stamped with a valid checksum, so that the strict parser sees every mutation. */
  @FuzzTest(maxDuration = "60s")
  void manifestBody(byte[] data) throws IOException {
    String body = new String(data, StandardCharsets.UTF_8);
    String stamped = body.startsWith("{\n") ? "{\n  \"sha256\": \"" + Manifest.sha256(body) + "\",\n" + body.substring(2) : body;
    read(stamped.getBytes(StandardCharsets.UTF_8));
  }

  /** An array file's bytes (past its CRC32, as a reader sees a file whose checksum matches). */
  @FuzzTest(maxDuration = "60s")
  void arrayFile(byte[] data) {
    try {
      ArrayFile.decode(data, "fuzz.bin");
    } catch (InvalidInputException expected) {
      // refused as bad input: the contract
    }
  }
}
