package io.recur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.checkpoint.CheckpointStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM during {@code recur train} (a real process): the unfinished epoch is abandoned, the last checkpoint kept and named. */
class TrainSignalTest {
  @TempDir
  Path dir;

  @Test
  void sigtermAbandonsTheUnfinishedEpochAndKeepsTheLastCheckpoint() throws Exception {
    Path out = dir.resolve("run");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
        System.getProperty("java.class.path"), Recur.class.getName(), "train", "--corpus", TrainedModels.corpus().toString(),
        "--hidden", "8", "--batch", "2", "--steps", "4", "--epochs", "1000", "--threads", "1", "--out", out.toString())
        .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!CheckpointStore.isCheckpoint(out) && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(CheckpointStore.isCheckpoint(out), Files.readString(err));
      p.destroy();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run stops after its current step");
    } finally {
      p.destroyForcibly();
    }
    String log = Files.readString(err);
    assertEquals(143, p.exitValue(), log);
    int kept = CheckpointStore.read(out).epochsDone();
    assertTrue(log.contains("recur: interrupted by SIGTERM; the unfinished epoch " + (kept + 1) + " was abandoned; " + out
        + " keeps the checkpoint of epoch " + kept), log);
  }
}
