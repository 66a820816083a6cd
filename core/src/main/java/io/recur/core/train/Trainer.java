package io.recur.core.train;

import io.recur.core.InvalidInputException;
import io.recur.core.backend.StepLoss;
import io.recur.core.backend.TrainingSession;
import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Sequence;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The training loop. For each epoch: cut the training stream with the partitioner (its random
 * offset or order drawn from the seed and the epoch number), and for each minibatch compute
 * gradients (state carried and detached between consecutive batches, reset where the batch says
 * so), clip them to the global norm, and apply the optimizer; then score the held-out stream.
 * All randomness derives from {@link TrainingConfig#seed()} and the epoch, so a run resumed from
 * a checkpoint at an epoch boundary reproduces the uninterrupted run exactly.
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
    TrainingRun run = new TrainingRun(config, session, previous.size() + 1, Collections.unmodifiableList(history));
    Rng root = new Rng(config.seed());
    listeners.forEach(l -> l.onTrainingBegin(run));
    long tokens = 0;
    double seconds = 0;
    for (int epoch = run.firstEpoch(); epoch <= config.epochs(); epoch++) {
      EpochReport report = epoch(run, data, epoch, root);
      tokens += report.tokens();
      seconds += report.seconds();
      history.add(report);
      EpochReport r = report;
      listeners.forEach(l -> l.onEpochEnd(run, r));
    }
    TrainingResult result = new TrainingResult(List.copyOf(history), tokens, seconds);
    listeners.forEach(l -> l.onTrainingEnd(run, result));
    return result;
  }

  /**
   * A mean loss above this many nats (perplexity e^100, beyond any vocabulary: a uniform guess
   * over V tokens scores ln V) means the weights have exploded even while the numbers are finite.
   */
  static final double EXPLODED_LOSS = 100;

  private static boolean diverged(StepLoss loss, double norm) {
    return !Double.isFinite(loss.sum()) || !Double.isFinite(norm) || loss.mean() > EXPLODED_LOSS;
  }

  private EpochReport epoch(TrainingRun run, TrainingData data, int epoch, Rng root) {
    TrainingSession session = run.session();
    double lr = config.learningRate(epoch);
    List<Batch> batches = data.partitioner().epoch(data.train(), config.batchSize(), config.steps(),
        root.fork("partition").fork(epoch));
    Rng dropout = root.fork("dropout").fork(epoch);
    double lossSum = 0;
    long tokens = 0;
    long start = System.nanoTime();
    for (int i = 0; i < batches.size(); i++) {
      StepLoss loss = session.computeGradients(batches.get(i), dropout.fork(i));
      double norm = session.gradientNorm();
      if (diverged(loss, norm)) {
        throw new TrainingDivergedException(epoch, i + 1, loss.mean(), norm, config);
      }
      double scale = config.clip() > 0 && norm > config.clip() ? config.clip() / norm : 1.0;
      session.applyUpdate(lr, scale);
      lossSum += loss.sum();
      tokens += loss.tokens();
      BatchReport b = new BatchReport(epoch, i + 1, batches.size(), loss.mean(), norm, loss.tokens(),
          (System.nanoTime() - start) / 1e9);
      listeners.forEach(l -> l.onBatchEnd(run, b));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double val = data.validation().map(v -> evaluate(session, v, data)).orElse(Double.NaN);
    return new EpochReport(epoch, Math.exp(lossSum / tokens), val, lr, tokens, seconds);
  }

  /**
   * Perplexity of a held-out stream: {@code exp(mean token cross-entropy)}, scored in
   * {@code batchSize} rows of {@code steps}-token windows with state carried from the start.
   * Streams too short for that many rows are scored in fewer rows.
   */
  public double evaluate(TrainingSession session, Sequence tokens, TrainingData data) {
    int steps = Math.min(config.steps(), tokens.length() - 1);
    if (steps < 1) {
      throw new InvalidInputException("held-out text has " + tokens.length()
          + " tokens; it needs at least 2; use a larger --val-fraction or another --val-corpus");
    }
    int rows = Math.max(1, Math.min(config.batchSize(), (tokens.length() - 1) / steps));
    StepLoss total = new StepLoss(0, 0);
    for (Batch b : data.evaluation().epoch(tokens, rows, steps, new Rng(0))) {
      StepLoss l = session.evaluate(b);
      total = new StepLoss(total.sum() + l.sum(), total.tokens() + l.tokens());
    }
    return Math.exp(total.mean());
  }
}
