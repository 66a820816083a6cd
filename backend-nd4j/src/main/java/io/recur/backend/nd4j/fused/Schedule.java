package io.recur.backend.nd4j.fused;

import java.util.function.IntConsumer;

/**
 * Runs the phases of a pass for each worker of a {@link Split}: on a {@link Team}, each worker on
 * its own thread, or — when the pass has one worker, the team is busy, or the team has lately
 * been slower ({@link ModeChoice}) — all workers one after another in the calling thread. Each step has a shared phase, whose results other workers read
 * (a barrier follows it), and optionally an own phase, which reads only what the shared phases
 * completed and what its worker wrote (no barrier). Each worker computes the same thing either
 * way, so the results are identical.
 */
final class Schedule {
  /** One phase of one time step for one worker. */
  @FunctionalInterface
  interface Phase {
    void run(int worker, int t);
  }

  private final Team team;
  private final int workers;
  private final ModeChoice choice;

  /** {@code team} may be {@code null} (serial); the choice between team and caller is the team's own. */
  Schedule(Team team, int workers) {
    this(team, workers, team == null ? null : team.choice());
  }

  /** As above, with a choice of its own: for passes whose cost per multiply-add differs from the cells'. */
  Schedule(Team team, int workers, ModeChoice choice) {
    this.team = team != null && team.size() == workers && workers > 1 ? team : null;
    this.workers = workers;
    this.choice = choice;
  }

  /**
   * For each worker: {@code before}, then for steps {@code 0..T-1} (or {@code T-1..0} when
   * {@code reverse}) the {@code shared} phase, a barrier and the {@code own} phase (may be
   * {@code null}), then {@code after} (which may read every worker's shared results).
   *
   * @param work the run's multiply-adds, to compare the speed of runs of different sizes
   */
  void run(long work, int steps, boolean reverse, IntConsumer before, IntConsumer after, Phase shared, Phase own) {
    if (team == null) {
      serial(steps, reverse, before, after, shared, own);
      return;
    }
    boolean together = choice.team();
    long start = System.nanoTime();
    if (!together || !team.tryRun(k -> lockstep(k, steps, reverse, before, after, shared, own))) {
      together = false;
      serial(steps, reverse, before, after, shared, own);
    }
    choice.record(together, System.nanoTime() - start, work);
  }

  private void lockstep(int k, int steps, boolean reverse, IntConsumer before, IntConsumer after, Phase shared, Phase own) {
    before.accept(k);
    for (int i = 0; i < steps; i++) {
      int t = reverse ? steps - 1 - i : i;
      shared.run(k, t);
      team.await();
      if (own != null) {
        own.run(k, t);
      }
    }
    after.accept(k);
  }

  private void serial(int steps, boolean reverse, IntConsumer before, IntConsumer after, Phase shared, Phase own) {
    for (int k = 0; k < workers; k++) {
      before.accept(k);
    }
    for (int i = 0; i < steps; i++) {
      int t = reverse ? steps - 1 - i : i;
      for (int k = 0; k < workers; k++) {
        shared.run(k, t);
      }
      for (int k = 0; own != null && k < workers; k++) {
        own.run(k, t);
      }
    }
    for (int k = 0; k < workers; k++) {
      after.accept(k);
    }
  }
}
