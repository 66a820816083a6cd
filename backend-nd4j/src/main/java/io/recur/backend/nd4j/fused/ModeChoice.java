package io.recur.backend.nd4j.fused;

/**
 * Chooses, run by run, between a team and the calling thread alone by what each has been
 * measured to cost (wall-clock nanoseconds per unit of work), trying the other way now and then.
 * The preferred way's cost is a moving average; a probe's result replaces the other way's cost
 * outright, so one good probe is enough to switch (and a slow first run, still being compiled, is
 * forgotten at the next probe). Probes start {@value #FIRST_PROBE} runs apart; each probe that
 * confirms the preference doubles the distance, up to {@value #LAST_PROBE} runs, and a switch
 * starts again from {@value #FIRST_PROBE} — a probe runs the slower way, so a settled choice
 * should pay for it rarely. On a quiet machine the team wins; when other processes hold the
 * cores, a team's workers wait for each other and the calling thread alone wins (the preferred
 * way's own cost rises at once, so that switch needs no probe). Either way computes the same
 * numbers. Thread-safe.
 */
final class ModeChoice {
  static final int FIRST_PROBE = 16;
  static final int LAST_PROBE = 512;
  private static final double KEEP = 0.7;

  private double teamCost;
  private double soloCost;
  private long untilProbe = FIRST_PROBE;
  private long probeDistance = FIRST_PROBE;

  /** Whether the next run should use the team. */
  synchronized boolean team() {
    if (teamCost == 0) {
      return true;
    }
    if (soloCost == 0) {
      return false;
    }
    boolean better = teamCost <= soloCost;
    return --untilProbe == 0 ? !better : better;
  }

  /** Records a run: {@code nanos} of wall-clock time for {@code work} units of work. */
  synchronized void record(boolean team, long nanos, long work) {
    double cost = (double) nanos / Math.max(1, work);
    boolean before = teamCost <= soloCost;
    boolean settled = teamCost != 0 && soloCost != 0;
    boolean preferred = !settled || before == team;
    if (team) {
      teamCost = teamCost == 0 || !preferred ? cost : KEEP * teamCost + (1 - KEEP) * cost;
    } else {
      soloCost = soloCost == 0 || !preferred ? cost : KEEP * soloCost + (1 - KEEP) * cost;
    }
    if (!preferred) {
      boolean confirmed = (teamCost <= soloCost) == before;
      probeDistance = confirmed ? Math.min(LAST_PROBE, 2 * probeDistance) : FIRST_PROBE;
      untilProbe = probeDistance;
    }
  }
}
