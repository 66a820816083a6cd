package io.recur.core.train;

import io.recur.core.backend.StepLoss;
import io.recur.core.backend.StepResult;
import io.recur.core.backend.TrainingSession;
import io.recur.core.model.Objective;
import io.recur.core.sequence.Minibatch;
import io.recur.core.sequence.MinibatchSource;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The training loop, for any model. For each epoch: cut the training stream into minibatches
 * (its random offset or order drawn from the seed and the epoch number), and for each minibatch
 * run one {@link TrainingSession#step} (gradients with state carried and detached between
 * consecutive batches or reset where the batch says so, global-norm clipping, the optimizer's
 * update); then score the held-out stream. All randomness derives from
 * {@link TrainingConfig#seed()} and the epoch, so a run resumed from a checkpoint at an epoch
 * boundary reproduces the uninterrupted run exactly.
 */
public final class Trainer {
  private final TrainingConfig config;
  private final List<TrainingListener> listeners;

  public Trainer(TrainingConfig config, List<TrainingListener> listeners) {
    this.config = config;
    this.listeners = List.copyOf(listeners);
  }

  /** Trains from scratch: epochs 1 … {@code config.epochs()}. */
  public TrainingResult fit(TrainingSession session, TrainingData data) {
    return fit(session, data, List.of());
  }

  /**
   * Trains the epochs after {@code previous} (those a checkpoint recorded) up to
   * {@code config.epochs()}.
   */
  public TrainingResult fit(TrainingSession session, TrainingData data, List<EpochReport> previous) {
    List<EpochReport> history = new ArrayList<>(previous);
    TrainingRun run = new TrainingRun(config, data.objective(), session, previous.size() + 1,
        Collections.unmodifiableList(history));
    Rng root = new Rng(config.seed());
    listeners.forEach(l -> l.onTrainingBegin(run));
    long count = 0;
    double seconds = 0;
    for (int epoch = run.firstEpoch(); epoch <= config.epochs(); epoch++) {
      EpochReport report = epoch(run, data, epoch, root);
      count += report.count();
      seconds += report.seconds();
      history.add(report);
      listeners.forEach(l -> l.onEpochEnd(run, report));
    }
    TrainingResult result = new TrainingResult(List.copyOf(history), count, seconds);
    listeners.forEach(l -> l.onTrainingEnd(run, result));
    return result;
  }

  /** Whether a step's loss or gradient norm is not finite, or its loss exploded: training stops then. */
  public static boolean diverged(StepResult step, Objective objective) {
    return !step.finite() || objective.exploded(step.loss().mean());
  }

  private EpochReport epoch(TrainingRun run, TrainingData data, int epoch, Rng root) {
    TrainingSession session = run.session();
    double lr = config.learningRate(epoch);
    List<? extends Minibatch> batches = data.train().epoch(config.batchSize(), config.steps(),
        root.fork("partition").fork(epoch));
    Rng dropout = root.fork("dropout").fork(epoch);
    StepLoss total = new StepLoss(0, 0);
    long start = System.nanoTime();
    for (int i = 0; i < batches.size(); i++) {
      StepResult step = session.step(batches.get(i), dropout.fork(i).nextLong(), lr, config.clip());
      if (diverged(step, data.objective())) {
        throw new TrainingDivergedException(epoch, i + 1, step.loss().mean(), step.gradientNorm(), config);
      }
      total = total.plus(step.loss());
      BatchReport b = new BatchReport(epoch, i + 1, batches.size(), step.loss().mean(), step.gradientNorm(),
          step.loss().count(), (System.nanoTime() - start) / 1e9);
      listeners.forEach(l -> l.onBatchEnd(run, b));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double val = data.validation().map(v -> evaluate(session, v)).orElse(Double.NaN);
    return new EpochReport(epoch, data.objective(), total.mean(), val, lr, total.count(), seconds);
  }

  /**
   * The mean loss of a held-out stream, scored by {@link MinibatchSource#evaluation} in
   * {@code batchSize} rows of {@code steps} with state carried from the start.
   */
  public double evaluate(TrainingSession session, MinibatchSource stream) {
    StepLoss total = new StepLoss(0, 0);
    for (Minibatch b : stream.evaluation(config.batchSize(), config.steps())) {
      total = total.plus(session.evaluate(b));
    }
    return total.mean();
  }
}
