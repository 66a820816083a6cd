package io.recur.core.train;

import io.recur.core.backend.TrainingSession;
import java.util.List;

/** The run listeners observe: its configuration, its session, and the epochs finished before it started (on resume). */
public record TrainingRun(TrainingConfig config, TrainingSession session, List<EpochReport> previousEpochs) {
  public int firstEpoch() {
    return previousEpochs.size() + 1;
  }
}
