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
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingData;
import io.recur.core.train.TrainingListener;
import io.recur.core.train.TrainingLoop;
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
 * checkpoint after every epoch, and runs the {@link io.recur.core.train.Trainer} (or another
 * {@link TrainingLoop}). A resumed run continues with the checkpoint's own training configuration
 * (only the epoch total changes) unless given another schedule, so it reproduces the uninterrupted run.
 */
public final class TrainingJob {
  private final ModelSpec spec;
  private final DataSpec data;
  private final TrainingConfig config;
  private final ParameterSet initial;
  private final Optional<Checkpoint> resumed;
  private final List<TrainingListener> listeners = new ArrayList<>();
  private Path out;
  private String fused = "";

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
    return resume(dir, checkpoint, checkpoint.spec(), training(dir, checkpoint).withEpochs(epochs));
  }

  /**
   * Continues {@code checkpoint} with the architecture {@code spec} (the checkpoint's; only dropout
   * may differ) and the training configuration {@code config} (any schedule, batch and partition;
   * the same optimizer, initialisation and seed, since the checkpoint holds the optimizer's state
   * and the run's random stream continues), up to {@code config.epochs()} epochs in all.
   *
   * @throws InvalidInputException naming what cannot change, or if that many epochs are done already
   */
  public static TrainingJob resume(Path dir, Checkpoint checkpoint, ModelSpec spec, TrainingConfig config) {
    TrainingConfig saved = training(dir, checkpoint);
    checkpoint.checkResumable(spec, checkpoint.data());
    if (!saved.optimizer().equals(config.optimizer())) {
      throw new InvalidInputException("checkpoint " + dir + " was trained with --optimizer " + saved.optimizer()
          + " and holds its state; a resumed run keeps it: omit --optimizer " + config.optimizer() + ", or train a new model");
    }
    if (saved.seed() != config.seed() || saved.init() != config.init()) {
      throw new InvalidInputException("checkpoint " + dir + " was started with --seed " + saved.seed() + " --init "
          + saved.init().name().toLowerCase(java.util.Locale.ROOT) + "; a resumed run continues that random stream: omit "
          + "--seed and --init, or train a new model");
    }
    if (config.epochs() <= checkpoint.epochsDone()) {
      throw new InvalidInputException("checkpoint " + dir + " has finished " + checkpoint.epochsDone()
          + " epochs already; pass --epochs greater than that to continue");
    }
    return new TrainingJob(spec, checkpoint.data(), config, checkpoint.params(), Optional.of(checkpoint), dir);
  }

  private static TrainingConfig training(Path dir, Checkpoint checkpoint) {
    if (checkpoint.training() == null) {
      throw new InvalidInputException("checkpoint " + dir + " records no training configuration; it cannot be resumed");
    }
    return checkpoint.training();
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

  /**
   * Records the fused-kernel mode the backend runs in ({@code auto|on|off}), with its thread count,
   * in every checkpoint's {@link Provenance}, so that a resumed run can repeat them.
   */
  public TrainingJob fusedMode(String mode) {
    this.fused = mode;
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

  /** The checkpoint this run continues, if it is a resumed run. */
  public Optional<Checkpoint> resumed() {
    return resumed;
  }

  /** The epochs already finished (those of a resumed checkpoint; 0 for a new run). */
  public int epochsDone() {
    return resumed.map(Checkpoint::epochsDone).orElse(0);
  }

  /**
   * Trains on {@code backend} on this machine ({@link TrainingLoop#local()}). The checkpoint
   * directory (if any) is claimed with an {@link OutputLock} for the whole run.
   *
   * @throws InvalidInputException if the backend cannot train, or another run writes the same directory
   * @throws io.recur.core.train.TrainingDivergedException if training diverges (the checkpoint on
   *     disk is then the last good epoch's)
   */
  public TrainingResult run(Backend backend, TrainingData training) {
    return run(backend, training, TrainingLoop.local());
  }

  /**
   * Trains with {@code loop} on a session of {@code backend} that holds the run's parameters and
   * optimizer state, as {@link #run(Backend, TrainingData)} does.
   */
  public TrainingResult run(Backend backend, TrainingData training, TrainingLoop loop) {
    if (!backend.capabilities().contains(Capability.TRAIN)) {
      throw new InvalidInputException("backend '" + backend.name() + "' cannot train; choose a backend that can (--backend)");
    }
    List<TrainingListener> all = new ArrayList<>(listeners);
    if (out != null) {
      all.add(new CheckpointListener(out, spec, data,
          Provenance.now(backend.name(), backend.describe(), backend.threads(), fused)));
    }
    try (OutputLock lock = out == null ? null : OutputLock.acquire(out);
        TrainingSession session = backend.openTraining(spec, initial, Optimizer.named(config.optimizer()))) {
      resumed.map(Checkpoint::optimizer).ifPresent(session::setOptimizerState);
      List<EpochReport> previous = resumed.map(Checkpoint::history).orElse(List.of());
      return loop.fit(spec, config, all, session, training, previous);
    }
  }
}
