package io.recur.backend.nd4j.fused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The team runs a body on every worker, keeps them in lockstep at the barrier, and reports failures. */
class TeamTest {
  @Test
  void everyWorkerRunsOnItsOwnThreadTheCallerBeingWorkerZero() {
    Team team = new Team(3);
    try {
      Set<Thread> threads = ConcurrentHashMap.newKeySet();
      int[] seen = new int[3];
      assertTrue(team.tryRun(k -> {
        threads.add(Thread.currentThread());
        seen[k]++;
      }));
      assertArrayEquals(new int[] {1, 1, 1}, seen);
      assertEquals(3, threads.size());
      assertTrue(threads.contains(Thread.currentThread()));
    } finally {
      team.shutdown();
    }
  }

  @Test
  void noWorkerPassesTheBarrierBeforeAllArrive() {
    Team team = new Team(3);
    try {
      int rounds = 2000;
      AtomicIntegerArray progress = new AtomicIntegerArray(3);
      AtomicBoolean early = new AtomicBoolean();
      for (int run = 0; run < 3; run++) {
        progress.set(0, 0);
        progress.set(1, 0);
        progress.set(2, 0);
        assertTrue(team.tryRun(k -> {
          for (int i = 0; i < rounds; i++) {
            progress.incrementAndGet(k);
            team.await();
            for (int j = 0; j < 3; j++) {
              if (progress.get(j) < i + 1) {
                early.set(true);
              }
            }
            team.await();
          }
        }));
      }
      assertFalse(early.get());
      assertEquals(rounds, progress.get(1));
    } finally {
      team.shutdown();
    }
  }

  @Test
  void aFailureInAnyWorkerReleasesTheOthersAndIsThrown() {
    Team team = new Team(2);
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> team.tryRun(k -> {
        if (k == 1) {
          throw new IllegalStateException("worker 1 failed");
        }
        for (int i = 0; i < 10; i++) {
          team.await();
        }
      }));
      assertEquals("worker 1 failed", e.getMessage());
      int[] after = new int[2];
      assertTrue(team.tryRun(k -> {
        team.await();
        after[k] = 1;
      }), "the team is usable after a failure");
      assertArrayEquals(new int[] {1, 1}, after);
    } finally {
      team.shutdown();
    }
  }

  @Test
  void theFasterWayIsChosenAndTheOtherTriedNowAndThen() {
    ModeChoice choice = new ModeChoice();
    assertTrue(choice.team(), "the team is tried first");
    choice.record(true, 3_000, 1_000);
    assertFalse(choice.team(), "then the calling thread alone");
    choice.record(false, 2_000, 1_000);
    assertEquals(List.of(16, 32, 64), probes(choice, false, 3), "alone is faster: the team is probed ever more rarely");
    choice.record(true, 1_000, 1_000);
    assertEquals(List.of(16, 32), probes(choice, true, 2), "one fast probe of the team is enough to switch; probes start afresh");
  }

  @Test
  void probesSettleAtTheLongestDistance() {
    ModeChoice choice = new ModeChoice();
    choice.team();
    choice.record(true, 1_000, 1_000);
    choice.team();
    choice.record(false, 2_000, 1_000);
    List<Integer> gaps = probes(choice, true, 8);
    assertEquals(List.of(16, 32, 64, 128, 256, 512, 512, 512), gaps);
  }

  /**
   * Runs the way {@code choice} says until {@code count} probes (runs the other way) have happened,
   * recording each at the cost it had before, and returns the number of runs up to each probe.
   */
  private static List<Integer> probes(ModeChoice choice, boolean preferred, int count) {
    List<Integer> gaps = new ArrayList<>();
    int runs = 0;
    while (gaps.size() < count) {
      boolean team = choice.team();
      runs++;
      if (team != preferred) {
        gaps.add(runs);
        runs = 0;
      }
      choice.record(team, team == preferred ? 1_000 : 2_000, 1_000);
    }
    return gaps;
  }

  @Test
  void aBusyOrStoppedTeamRefusesWork() throws Exception {
    Team team = new Team(2);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread other = new Thread(() -> team.tryRun(k -> {
      inside.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    other.start();
    inside.await();
    assertFalse(team.tryRun(k -> { }));
    release.countDown();
    other.join();
    team.shutdown();
    assertFalse(team.tryRun(k -> { }));
    assertThrows(IllegalArgumentException.class, () -> new Team(0));
  }
}
