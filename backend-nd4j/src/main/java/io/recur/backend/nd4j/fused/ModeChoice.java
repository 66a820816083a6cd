package io.recur.backend.nd4j.fused;

/**
 * Chooses, run by run, between a team and the calling thread alone by what each has been
 * measured to cost (wall-clock nanoseconds per unit of work), trying the other way every
 * {@value #PROBE_EVERY} runs. The preferred way's cost is a moving average; a probe's result
 * replaces the other way's cost outright, so one good probe is enough to switch (and a slow
 * first run, still being compiled, is forgotten at the next probe). On a quiet machine the team
 * wins; when other processes hold the cores, a team's workers wait for each other and the
 * calling thread alone wins. Either way computes the same numbers. Thread-safe.
 */
final class ModeChoice {
  static final int PROBE_EVERY = 16;
  private static final double KEEP = 0.7;

  private double teamCost;
  private double soloCost;
  private long runs;

  /** Whether the next run should use the team. */
  synchronized boolean team() {
    runs++;
    if (teamCost == 0) {
      return true;
    }
    if (soloCost == 0) {
      return false;
    }
    boolean better = teamCost <= soloCost;
    return runs % PROBE_EVERY == 0 ? !better : better;
  }

  /** Records a run: {@code nanos} of wall-clock time for {@code work} units of work. */
  synchronized void record(boolean team, long nanos, long work) {
    double cost = (double) nanos / Math.max(1, work);
    boolean preferred = teamCost == 0 || soloCost == 0 || (teamCost <= soloCost) == team;
    if (team) {
      teamCost = teamCost == 0 || !preferred ? cost : KEEP * teamCost + (1 - KEEP) * cost;
    } else {
      soloCost = soloCost == 0 || !preferred ? cost : KEEP * soloCost + (1 - KEEP) * cost;
    }
  }
}
