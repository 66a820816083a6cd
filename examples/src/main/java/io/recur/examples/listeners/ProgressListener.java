package io.recur.examples.listeners;

import io.recur.core.model.Objective;
import io.recur.core.train.BatchReport;
import io.recur.core.train.EpochReport;
import io.recur.core.train.TrainingListener;
import io.recur.core.train.TrainingRun;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress on a stream (standard error): on a terminal, a progress bar per epoch
 * with the running loss and tokens per second; otherwise (a log file, a pipe) a progress line every
 * {@value #LOG_INTERVAL_SECONDS} seconds of a long epoch; always, one summary line per epoch
 * (perplexities, tokens/s, learning rate).
 */
public final class ProgressListener implements TrainingListener {
  /** Seconds between progress lines within an epoch when no terminal is attached. */
  static final double LOG_INTERVAL_SECONDS = 30;

  private final PrintStream out;
  private final boolean interactive;
  private double nextLine;
  private ProgressBar bar;
  private double lossSum;
  private long tokens;

  public ProgressListener(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  /** A listener on standard error, with a bar only when a terminal is attached. */
  public static ProgressListener toStandardError() {
    return new ProgressListener(System.err, System.console() != null);
  }

  @Override
  public void onBatchEnd(TrainingRun run, BatchReport b) {
    if (b.batch() == 1) {
      lossSum = 0;
      tokens = 0;
      nextLine = LOG_INTERVAL_SECONDS;
      if (interactive) {
        bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", b.epoch(), run.config().epochs()))
            .setInitialMax(b.batches()).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
            .setConsumer(new ConsoleProgressBarConsumer(out)).clearDisplayOnFinish().build();
      }
    }
    lossSum += b.loss() * b.count();
    tokens += b.count();
    Objective objective = run.objective();
    String running = String.format(Locale.ROOT, "%s %.4g  %,.0f %s/s", objective.metricName(), objective.metric(lossSum / tokens),
        tokens / Math.max(b.epochSeconds(), 1e-9), unit(objective));
    if (bar != null) {
      bar.stepTo(b.batch());
      bar.setExtraMessage(" " + running);
    } else if (b.epochSeconds() >= nextLine && b.batch() < b.batches()) {
      out.println(String.format(Locale.ROOT, "epoch %d/%d  minibatch %,d/%,d  %s", b.epoch(), run.config().epochs(), b.batch(),
          b.batches(), running));
      out.flush();
      nextLine = (Math.floor(b.epochSeconds() / LOG_INTERVAL_SECONDS) + 1) * LOG_INTERVAL_SECONDS;
    }
  }

  @Override
  public void onEpochEnd(TrainingRun run, EpochReport e) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
    String metric = e.objective().metricName();
    out.println(String.format(Locale.ROOT, "epoch %d/%d  train %s %.4f  %s  %,.0f %s/s  lr %g  %.1fs", e.epoch(),
        run.config().epochs(), metric, e.trainMetric(),
        Double.isNaN(e.validationLoss()) ? "" : String.format(Locale.ROOT, "val %s %.4f", metric, e.validationMetric()),
        e.throughput(), unit(e.objective()), e.learningRate(), e.seconds()));
    out.flush();
  }

  private static String unit(Objective objective) {
    return objective == Objective.CROSS_ENTROPY ? "tok" : "val";
  }
}
