package io.recur.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.train.EpochReport;
import io.recur.core.model.Objective;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults during a save: a process killed at every step of it (a spawned JVM halted there), a save
 * that fails half-way (a full disk), readers racing a writer, and two writers. The directory always
 * holds one loadable checkpoint, and the next save leaves nothing behind.
 */
class CheckpointSaveFaultsTest {
  @TempDir
  Path dir;

  /** The fixture model after {@code epochs} epochs. */
  static Checkpoint after(int epochs) {
    Checkpoint c = FormatFixtures.lstmV3();
    List<EpochReport> h = new ArrayList<>();
    for (int e = 1; e <= epochs; e++) {
      h.add(new EpochReport(e, Objective.CROSS_ENTROPY, 2.0 / e, 2.5 / e, 1.0, 100, 0.25));
    }
    return new Checkpoint(c.spec(), c.data(), c.params(), c.training().withEpochs(Math.max(3, epochs)), c.optimizer(), h,
        c.provenance());
  }

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<String> checkpointFiles(int serial) {
    return List.of("checkpoint.json", String.format("optimizer-%06d-m.bin", serial), String.format("optimizer-%06d-v.bin", serial),
        String.format("params-%06d.bin", serial));
  }

  /** Every step a save tells, in order (a save of an existing checkpoint). */
  private List<String> steps() throws IOException {
    CheckpointStore.write(dir, after(1));
    List<String> steps = new ArrayList<>();
    CheckpointStore.write(dir, after(2), steps::add);
    return steps;
  }

  @Test
  void killedAtEachStepOfASaveTheCheckpointLoadsAndTheNextSaveCleansUp() throws Exception {
    List<String> steps = steps();
    assertEquals(12, steps.size(), steps.toString());
    for (String step : steps) {
      Path d = Files.createDirectory(dir.resolve("kill-" + step.replace(':', '-')));
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
          System.getProperty("java.class.path"), KilledSave.class.getName(), d.toString(), step)
          .redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes());
      assertEquals(KilledSave.HALTED, p.waitFor(), step + ": " + output);
      Checkpoint c = CheckpointStore.read(d);
      int done = c.epochsDone();
      assertTrue(done == 1 || done == 2, step + ": " + done);
      assertEquals(step.startsWith("checkpoint.json:renamed") || step.equals("cleaned") ? 2 : 1, done, step);
      CheckpointStore.write(d, after(3));
      try (Stream<Path> s = Files.list(d)) {
        assertEquals(checkpointFiles(done + 1), s.map(x -> x.getFileName().toString()).sorted().toList(), step);
      }
      assertEquals(3, CheckpointStore.read(d).epochsDone());
    }
  }

  @Test
  void aSaveThatFailsHalfWayKeepsThePreviousCheckpointAndLeavesNothing() throws IOException {
    CheckpointStore.write(dir, after(1));
    for (String failing : List.of("params-000002.bin:written", "optimizer-000002-m.bin:renamed", "optimizer-000002-v.bin:half",
        "checkpoint.json:written")) {
      var e = assertThrows(UncheckedIOException.class, () -> CheckpointStore.write(dir, after(2), step -> {
        if (step.equals(failing)) {
          throw new UncheckedIOException(new IOException("No space left on device"));
        }
      }));
      assertTrue(e.getMessage().contains("No space left"));
      assertEquals(checkpointFiles(1), files(), failing);
      assertEquals(1, CheckpointStore.read(dir).epochsDone());
    }
  }

  @Test
  void leftoversOfAnInterruptedSaveAreRemovedByTheNextSave() throws IOException {
    CheckpointStore.write(dir, after(1));
    Files.write(dir.resolve(".params-000002.bin.12345.tmp"), new byte[100]);
    Files.write(dir.resolve("params-000002.bin"), new byte[100]);
    Files.write(dir.resolve("optimizer-000007-m.bin"), new byte[10]);
    Files.writeString(dir.resolve("notes.txt"), "mine");
    assertEquals(1, CheckpointStore.read(dir).epochsDone());
    CheckpointStore.write(dir, after(2));
    List<String> expected = new ArrayList<>(checkpointFiles(2));
    expected.add("notes.txt");
    expected.sort(null);
    assertEquals(expected, files());
  }

  @Test
  void readersRacingAWriterAlwaysLoadACompleteCheckpoint() throws Exception {
    CheckpointStore.write(dir, after(1));
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger saves = new AtomicInteger();
    Thread writer = new Thread(() -> {
      try {
        for (int i = 0; i < 40; i++) {
          CheckpointStore.write(dir, after(1 + i % 5));
          saves.incrementAndGet();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        done.set(true);
      }
    });
    writer.start();
    int reads = 0;
    while (!done.get() || reads < 100) {
      assertTrue(CheckpointStore.read(dir).epochsDone() >= 1);
      reads++;
    }
    writer.join();
    assertEquals(40, saves.get());
  }

  @Test
  void aSecondWriterIsRefusedNamingTheFirst() {
    try (OutputLock first = OutputLock.acquire(dir)) {
      var e = assertThrows(InvalidInputException.class, () -> OutputLock.acquire(dir));
      assertTrue(e.getMessage().contains("is being written by another training run (pid " + ProcessHandle.current().pid()),
          e.getMessage());
      assertTrue(e.getMessage().contains("pass another --out"), e.getMessage());
    }
    OutputLock.acquire(dir).close();
  }

  /** A child JVM: saves epoch 1, then halts (as kill -9 would) at the named step of the save of epoch 2. */
  static final class KilledSave {
    static final int HALTED = 137;

    public static void main(String[] args) throws IOException {
      Path d = Path.of(args[0]);
      CheckpointStore.write(d, after(1));
      CheckpointStore.write(d, after(2), step -> {
        if (step.equals(args[1])) {
          Runtime.getRuntime().halt(HALTED);
        }
      });
      System.exit(0);
    }
  }
}
