package io.recur.cli;

import io.recur.core.train.BatchReport;
import io.recur.core.train.TrainingListener;
import io.recur.core.train.TrainingRun;
import java.util.HashMap;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Stops a training run cleanly on SIGINT or SIGTERM: the minibatch step under way finishes, then
 * the unfinished epoch is abandoned ({@link Stopped} is thrown from the next batch's end), so the
 * checkpoint directory keeps the last finished epoch — a save under way completes first. A second
 * signal ends the process at once (the checkpoint on disk is complete either way: saves are
 * atomic). Closing it restores the previous handlers.
 */
final class Interruption implements TrainingListener, AutoCloseable {
  private static final Map<String, Integer> SIGNALS = Map.of("INT", 2, "TERM", 15);

  private final Map<Signal, SignalHandler> previous = new HashMap<>();
  private volatile String received;

  private Interruption() {}

  /** Handles SIGINT and SIGTERM until closed. */
  static Interruption onSignals() {
    Interruption i = new Interruption();
    for (String name : SIGNALS.keySet()) {
      Signal s = new Signal(name);
      i.previous.put(s, Signal.handle(s, sig -> i.receive(sig.getName())));
    }
    return i;
  }

  private void receive(String name) {
    if (received != null) {
      Runtime.getRuntime().halt(128 + SIGNALS.get(name));
    }
    received = name;
  }

  @Override
  public void onBatchEnd(TrainingRun run, BatchReport batch) {
    String s = received;
    if (s != null) {
      throw new Stopped(s, batch.epoch());
    }
  }

  @Override
  public void close() {
    previous.forEach(Signal::handle);
  }

  /** Training stopped on a signal during {@code epoch}. */
  static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String signal;
    private final int epoch;

    Stopped(String signal, int epoch) {
      super("interrupted by SIG" + signal, null, false, false);
      this.signal = signal;
      this.epoch = epoch;
    }

    int epoch() {
      return epoch;
    }

    /** The conventional status of a process ended by the signal: 128 + its number. */
    int exitStatus() {
      return 128 + SIGNALS.get(signal);
    }
  }
}
