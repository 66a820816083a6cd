package io.recur.bench;

import io.recur.core.InvalidInputException;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Runs a step repeatedly the way the PyTorch peer does: a warm-up of at least
 * {@code warmupIterations} steps <em>and</em> at least {@code warmupSeconds}, then steps until at
 * least {@code seconds} have passed since the timed part began (checked after each step).
 */
public record TimedLoop(int warmupIterations, double warmupSeconds, double seconds) {
  public TimedLoop {
    if (warmupIterations < 0 || !(warmupSeconds >= 0) || Double.isInfinite(warmupSeconds)) {
      throw new InvalidInputException("the warm-up must be >= 0 iterations and seconds (got " + warmupIterations + ", "
          + warmupSeconds + "); pass --warmup S");
    }
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      throw new InvalidInputException("seconds must be > 0 (got " + seconds + "); pass --seconds S");
    }
  }

  /** How many timed steps ran and how long they took. */
  public record Timed(long iterations, double seconds) {
    /** {@code units} per timed step, per second. */
    public double rate(double unitsPerIteration) {
      return iterations * unitsPerIteration / seconds;
    }
  }

  /**
   * Runs {@code step} (given a running step index, warm-up included) and times the steps after the warm-up.
   */
  public Timed run(IntConsumer step) {
    return run(step, System::nanoTime);
  }

  Timed run(IntConsumer step, LongSupplier nanoClock) {
    int index = 0;
    long start = nanoClock.getAsLong();
    while (index < warmupIterations || seconds(start, nanoClock) < warmupSeconds) {
      step.accept(index++);
    }
    long iterations = 0;
    start = nanoClock.getAsLong();
    double elapsed;
    do {
      step.accept(index++);
      iterations++;
      elapsed = seconds(start, nanoClock);
    } while (elapsed < seconds);
    return new Timed(iterations, elapsed);
  }

  private static double seconds(long start, LongSupplier nanoClock) {
    return (nanoClock.getAsLong() - start) / 1e9;
  }
}
