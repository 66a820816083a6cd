package io.recur.core.checkpoint;

import io.recur.core.InvalidInputException;
import io.recur.core.backend.Backend;
import io.recur.core.backend.Capability;
import io.recur.core.backend.TrainingSession;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.model.SequenceModel;
import io.recur.core.optim.Optimizer;
import io.recur.core.sequence.DataSpec;
import io.recur.core.train.EpochReport;
import io.recur.core.train.Trainer;
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingData;
import io.recur.core.train.TrainingListener;
import io.recur.core.train.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A training run with its checkpoints — fresh, or resumed from a checkpoint directory — as the
 * library offers it to programs and the command line alike: it opens the backend's session on
 * the right parameters, restores the optimizer state and history of a resumed run, saves a
 * checkpoint after every epoch, and runs the {@link Trainer}. A resumed run continues with the
 * checkpoint's own training configuration (only the epoch total changes), so it reproduces the
 * uninterrupted run.
 */
public final class TrainingJob {
  private final ModelSpec spec;
  private final DataSpec data;
  private final TrainingConfig config;
  private final ParameterSet initial;
  private final Optional<Checkpoint> resumed;
  private final List<TrainingListener> listeners = new ArrayList<>();
  private Path out;

  private TrainingJob(ModelSpec spec, DataSpec data, TrainingConfig config, ParameterSet initial,
      Optional<Checkpoint> resumed, Path out) {
    Checkpoint.checkConsistent(spec, data);
    this.spec = spec;
    this.data = data;
    this.config = config;
    this.initial = initial;
    this.resumed = resumed;
    this.out = out;
  }

  /** A new run of {@code model}, initialised from {@code config}'s scheme and seed. */
  public static TrainingJob start(SequenceModel model, DataSpec data, TrainingConfig config) {
    return new TrainingJob(model.spec(), data, config, model.initialize(config.init(), config.seed()), Optional.empty(), null);
  }

  /**
   * Continues {@code checkpoint} up to {@code epochs} epochs in all, with its own configuration and,
   * when not redirected by {@link #checkpointTo}, saving back to {@code dir}.
   *
   * @throws InvalidInputException if the checkpoint has finished that many epochs already
   */
  public static TrainingJob resume(Path dir, Checkpoint checkpoint, int epochs) {
    if (checkpoint.training() == null) {
      throw new InvalidInputException("checkpoint " + dir + " records no training configuration; it cannot be resumed");
    }
    if (epochs <= checkpoint.epochsDone()) {
      throw new InvalidInputException("checkpoint " + dir + " has finished " + checkpoint.epochsDone()
          + " epochs already; pass --epochs greater than that to continue");
    }
    return new TrainingJob(checkpoint.spec(), checkpoint.data(), checkpoint.training().withEpochs(epochs),
        checkpoint.params(), Optional.of(checkpoint), dir);
  }

  /** Reads the checkpoint in {@code dir} and continues it: {@link #resume(Path, Checkpoint, int)}. */
  public static TrainingJob resume(Path dir, int epochs) {
    try {
      return resume(dir, CheckpointStore.read(dir), epochs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Saves a checkpoint to {@code dir} after every epoch ({@code null}: no checkpoints). */
  public TrainingJob checkpointTo(Path dir) {
    this.out = dir;
    return this;
  }

  /** Adds a listener (progress, metrics, plots). */
  public TrainingJob listen(TrainingListener listener) {
    listeners.add(listener);
    return this;
  }

  public ModelSpec spec() {
    return spec;
  }

  public TrainingConfig config() {
    return config;
  }

  /** The parameters training starts from. */
  public ParameterSet initial() {
    return initial;
  }

  /** Where checkpoints go ({@code null}: nowhere). */
  public Path out() {
    return out;
  }

  /** The epochs already finished (those of a resumed checkpoint; 0 for a new run). */
  public int epochsDone() {
    return resumed.map(Checkpoint::epochsDone).orElse(0);
  }

  /**
   * Trains on {@code backend}.
   *
   * @throws InvalidInputException if the backend cannot train
   * @throws io.recur.core.train.TrainingDivergedException if training diverges (the checkpoint on
   *     disk is then the last good epoch's)
   */
  public TrainingResult run(Backend backend, TrainingData training) {
    if (!backend.capabilities().contains(Capability.TRAIN)) {
      throw new InvalidInputException("backend '" + backend.name() + "' cannot train; choose a backend that can (--backend)");
    }
    List<TrainingListener> all = new ArrayList<>(listeners);
    if (out != null) {
      all.add(new CheckpointListener(out, spec, data, Provenance.now(backend.name(), backend.describe())));
    }
    try (TrainingSession session = backend.openTraining(spec, initial, Optimizer.named(config.optimizer()))) {
      resumed.map(Checkpoint::optimizer).ifPresent(session::setOptimizerState);
      List<EpochReport> previous = resumed.map(Checkpoint::history).orElse(List.of());
      return new Trainer(config, all).fit(session, training, previous);
    }
  }
}
