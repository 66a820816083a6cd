package io.recur.core.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a checkpoint directory over and over while another process trains into it, counting
 * failures — the long form of {@code CheckpointSaveFaultsTest}'s racing readers (docs/reliability.md):
 * {@code java -cp CORE_TEST_CLASSPATH io.recur.core.checkpoint.RacingReaders DIR 10000}. Any exception
 * a read throws is a failure. Prints {@code N reads, F failures, S distinct saves seen, manifest B
 * bytes} and exits 1 if any read failed.
 */
final class RacingReaders {
  private RacingReaders() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path dir = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    while (!CheckpointStore.isCheckpoint(dir)) {
      Thread.sleep(50);
    }
    int failures = 0;
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < count; i++) {
      try {
        Checkpoint c = CheckpointStore.read(dir);
        seen.add(c.epochsDone() + "/" + c.optimizer().step());
      } catch (IOException | RuntimeException e) {
        failures++;
        System.out.println("read " + i + ": " + e);
      }
    }
    System.out.println(count + " reads, " + failures + " failures, " + seen.size() + " distinct saves seen, manifest "
        + Files.size(dir.resolve(CheckpointStore.MANIFEST)) + " bytes");
    System.exit(failures == 0 ? 0 : 1);
  }
}
