package io.recur.core.checkpoint;

import io.recur.core.model.ModelSpec;
import io.recur.core.sequence.DataSpec;
import io.recur.core.train.EpochReport;
import io.recur.core.train.TrainingListener;
import io.recur.core.train.TrainingRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Saves a checkpoint after every epoch. Because training stops before the epoch that diverges is
 * saved, the directory always holds the last good model.
 */
public final class CheckpointListener implements TrainingListener {
  private final Path dir;
  private final ModelSpec spec;
  private final DataSpec data;
  private final Provenance provenance;

  public CheckpointListener(Path dir, ModelSpec spec, DataSpec data, Provenance provenance) {
    Checkpoint.checkConsistent(spec, data);
    this.dir = dir;
    this.spec = spec;
    this.data = data;
    this.provenance = provenance;
  }

  @Override
  public void onEpochEnd(TrainingRun run, EpochReport epoch) {
    try {
      CheckpointStore.write(dir, new Checkpoint(spec, data, run.session().parameters(), run.config(),
          run.session().optimizerState(), run.history(), provenance));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save checkpoint to " + dir + ": " + e.getMessage(), e);
    }
  }
}
