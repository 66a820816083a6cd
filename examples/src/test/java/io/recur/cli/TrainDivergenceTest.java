package io.recur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recur train} with settings that blow the weights up: exit 2, one line naming the epoch, the remedy and what was kept. */
class TrainDivergenceTest {
  @TempDir
  Path dir;

  private static CliRun train(String... args) {
    List<String> all = new ArrayList<>(List.of("train", "--corpus", TrainedModels.corpus().toString(),
        "--hidden", "16", "--batch", "4", "--steps", "8", "--threads", "1"));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  private static String lastErrLine(CliRun r) {
    List<String> lines = r.errLines();
    assertFalse(r.err().contains("\tat "), "no stack trace");
    return lines.get(lines.size() - 1);
  }

  @Test
  void aRunThatDivergesInItsFirstEpochSavesNothing() {
    Path out = dir.resolve("wild");
    CliRun r = train("--epochs", "2", "--lr", "1e30", "--clip", "0", "--out", out.toString());
    assertEquals(2, r.exit(), r.err());
    String line = lastErrLine(r);
    assertTrue(line.startsWith("recur: training diverged in epoch 1"), line);
    assertTrue(line.contains("--clip 1") && line.contains("--lr"), line);
    assertTrue(line.contains("nothing was saved"), line);
    assertFalse(Files.exists(out.resolve("checkpoint.json")));
  }

  @Test
  void theMessageSaysWhichCheckpointIsTheLastGoodOne() {
    Path out = Path.of("runs/x");
    Path from = Path.of("runs/old");
    assertEquals("runs/x keeps the checkpoint of epoch 4, the last good one", TrainCommand.kept(out, 4, null, 0));
    assertEquals("runs/x keeps the checkpoint of epoch 4, the last good one", TrainCommand.kept(out, 4, from, 3));
    assertEquals("runs/old still holds epoch 3", TrainCommand.kept(out, 3, from, 3));
    assertEquals("runs/old still holds epoch 3", TrainCommand.kept(null, 5, from, 3));
    assertEquals("no epoch finished, so nothing was saved", TrainCommand.kept(out, 0, null, 0));
    assertEquals("nothing was saved (no --out)", TrainCommand.kept(null, 2, null, 0));
  }
}
