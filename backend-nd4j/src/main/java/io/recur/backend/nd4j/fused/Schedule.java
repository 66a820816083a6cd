package io.recur.backend.nd4j.fused;

import java.util.function.IntConsumer;

/**
 * Runs the phases of a pass for each worker of a {@link Split}: on a {@link Team}, each worker on
 * its own thread with a barrier after every phase of every step, or — when the pass has one
 * worker or the team is busy — all workers one after another in the calling thread. Each worker
 * computes the same thing either way, so the results are identical.
 */
final class Schedule {
  /** One phase of one time step for one worker. */
  @FunctionalInterface
  interface Phase {
    void run(int worker, int t);
  }

  private final Team team;
  private final int workers;

  /** {@code team} may be {@code null} (serial). */
  Schedule(Team team, int workers) {
    this.team = team != null && team.size() == workers && workers > 1 ? team : null;
    this.workers = workers;
  }

  /**
   * For each worker: {@code before}, then the phases of steps {@code 0..T-1} (or {@code T-1..0}
   * when {@code reverse}), then {@code after}. Every worker finishes a phase before any starts
   * the next.
   */
  void run(int steps, boolean reverse, IntConsumer before, IntConsumer after, Phase... phases) {
    if (team == null || !team.tryRun(k -> lockstep(k, steps, reverse, before, after, phases))) {
      serial(steps, reverse, before, after, phases);
    }
  }

  private void lockstep(int k, int steps, boolean reverse, IntConsumer before, IntConsumer after, Phase[] phases) {
    before.accept(k);
    for (int i = 0; i < steps; i++) {
      int t = reverse ? steps - 1 - i : i;
      for (Phase p : phases) {
        p.run(k, t);
        team.await();
      }
    }
    after.accept(k);
  }

  private void serial(int steps, boolean reverse, IntConsumer before, IntConsumer after, Phase[] phases) {
    for (int k = 0; k < workers; k++) {
      before.accept(k);
    }
    for (int i = 0; i < steps; i++) {
      int t = reverse ? steps - 1 - i : i;
      for (Phase p : phases) {
        for (int k = 0; k < workers; k++) {
          p.run(k, t);
        }
      }
    }
    for (int k = 0; k < workers; k++) {
      after.accept(k);
    }
  }
}
