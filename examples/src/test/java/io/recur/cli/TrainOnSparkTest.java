package io.recur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.recur.core.checkpoint.CheckpointStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recur train --spark local[2]}: trains, reports where its time went, checkpoints and resumes as on one machine. */
class TrainOnSparkTest {
  @TempDir
  Path dir;

  private static CliRun train(String... args) {
    List<String> all = new ArrayList<>(List.of("train", "--corpus", TrainedModels.corpus().toString(), "--hidden", "16",
        "--batch", "4", "--steps", "8", "--threads", "1", "--seed", "3", "--json"));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void trainsOnTwoWorkersAndResumes() throws Exception {
    Path out = dir.resolve("spark");
    CliRun first = train("--epochs", "1", "--out", out.toString(), "--spark", "local[2]", "--workers", "2",
        "--average-every", "4");
    assertEquals(0, first.exit(), first.err());
    JsonObject json = first.json();
    assertEquals("local[2]", json.get("spark").getAsString());
    assertEquals(2, json.get("workers").getAsInt());
    assertEquals(4, json.get("average_every").getAsInt());
    assertTrue(json.get("rounds").getAsLong() > 1, json.toString());
    double sync = json.get("sync_fraction").getAsDouble();
    assertTrue(sync >= 0 && sync < 1, json.toString());
    assertTrue(json.get("val_ppl").getAsDouble() < 28, "better than uniform over the 28 characters: " + json);
    assertTrue(first.err().contains(" on Spark local[2] (2 workers on nd4j, averaging every 4 steps)"), first.err());

    CliRun resumed = train("--resume", out.toString(), "--epochs", "2", "--spark", "local[2]", "--workers", "2");
    assertEquals(0, resumed.exit(), resumed.err());
    assertEquals(2, resumed.json().get("epochs").getAsInt());
    assertEquals(2, CheckpointStore.read(out).epochsDone());
  }

  @Test
  void workersWithoutSparkIsBadUsage() {
    CliRun r = train("--epochs", "1", "--workers", "2");
    assertEquals(2, r.exit());
    assertEquals("recur: --workers and --average-every need --spark MASTER (e.g. --spark local[2])", r.errLines().get(0));
  }
}
