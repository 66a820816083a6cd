package io.recur.core.train;

import io.recur.core.backend.TrainingSession;
import io.recur.core.model.Objective;
import java.util.List;

/**
 * The run listeners observe: its configuration, what its loss measures, its session, the first
 * epoch it trains (after a resume, the one after the checkpoint's), and the history — every
 * finished epoch so far, including those before a resume, growing as the run goes on (read-only).
 */
public record TrainingRun(TrainingConfig config, Objective objective, TrainingSession session, int firstEpoch,
    List<EpochReport> history) {}
