package io.recur.backend.nd4j.fused;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed group of threads that run one body together, in lockstep: the calling thread is worker
 * 0 and {@code size − 1} daemon helpers are the others. {@link #await} is a barrier between the
 * workers, which a pass crosses once per time step: it spins for 20 µs, then yields the processor
 * for up to 2 ms, then parks (a parked thread wakes late: tens of µs). One body runs at a time;
 * {@link #tryRun} reports a busy team instead of waiting for it.
 */
final class Team {
  private static final long SPIN_NANOS = 20_000;
  private static final long YIELD_NANOS = 2_000_000;

  private final int size;
  private final Thread[] threads;
  private final AtomicInteger arrived = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicInteger busy = new AtomicInteger();
  private volatile int generation;
  private volatile IntConsumer job;
  private volatile int jobNumber;
  private final AtomicInteger unfinished = new AtomicInteger();
  private volatile boolean closed;
  private final ModeChoice choice = new ModeChoice();

  Team(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("a team needs at least one thread (got " + size + ")");
    }
    this.size = size;
    this.threads = new Thread[size];
    for (int k = 1; k < size; k++) {
      int worker = k;
      threads[k] = new Thread(() -> helperLoop(worker), "recur-fused-" + k);
      threads[k].setDaemon(true);
      threads[k].start();
    }
  }

  int size() {
    return size;
  }

  /** Whether running together has lately paid off (see {@link ModeChoice}), shared by every pass using this team. */
  ModeChoice choice() {
    return choice;
  }

  /**
   * Runs {@code body.accept(k)} on every worker {@code k} and returns when all are done, or
   * returns {@code false} at once if another body is running. A failure in any worker is thrown
   * here (the others are released from {@link #await}).
   */
  boolean tryRun(IntConsumer body) {
    if (closed || !busy.compareAndSet(0, 1)) {
      return false;
    }
    try {
      threads[0] = Thread.currentThread();
      failure.set(null);
      arrived.set(0);
      unfinished.set(size - 1);
      job = body;
      jobNumber++;
      for (int k = 1; k < size; k++) {
        LockSupport.unpark(threads[k]);
      }
      runWorker(body, 0);
      while (unfinished.get() > 0) {
        LockSupport.parkNanos(this, 10_000);
      }
      job = null;
      Throwable t = failure.get();
      if (t instanceof RuntimeException e) {
        throw e;
      }
      if (t instanceof Error e) {
        throw e;
      }
      return true;
    } finally {
      threads[0] = null;
      busy.set(0);
    }
  }

  /** Stops the helpers once the running body (if any) is done; later runs are refused. */
  void shutdown() {
    closed = true;
    for (int k = 1; k < size; k++) {
      LockSupport.unpark(threads[k]);
    }
  }

  /** Waits until every worker of the running body has called it. */
  void await() {
    if (failure.get() != null) {
      throw new Released();
    }
    int gen = generation;
    if (arrived.incrementAndGet() == size) {
      arrived.set(0);
      generation = gen + 1;
      for (Thread t : threads) {
        if (t != null && t != Thread.currentThread()) {
          LockSupport.unpark(t);
        }
      }
    } else {
      waitForGeneration(gen, System.nanoTime());
    }
    if (failure.get() != null) {
      throw new Released();
    }
  }

  private void waitForGeneration(int gen, long start) {
    while (generation == gen && failure.get() == null) {
      long elapsed = System.nanoTime() - start;
      if (elapsed < SPIN_NANOS) {
        Thread.onSpinWait();
      } else if (elapsed < YIELD_NANOS) {
        Thread.yield();
      } else {
        LockSupport.parkNanos(this, 100_000);
      }
    }
  }

  private void runWorker(IntConsumer body, int k) {
    try {
      body.accept(k);
    } catch (Released e) {
      // another worker failed; its exception is the one reported
    } catch (Throwable t) {
      if (failure.compareAndSet(null, t)) {
        generation = generation + 1;
        for (Thread th : threads) {
          if (th != null) {
            LockSupport.unpark(th);
          }
        }
      }
    }
  }

  private void helperLoop(int k) {
    int seen = 0;
    while (true) {
      IntConsumer body = job;
      if (body == null || jobNumber == seen) {
        if (closed && busy.get() == 0) {
          return;
        }
        LockSupport.park(this);
        continue;
      }
      seen = jobNumber;
      runWorker(body, k);
      if (unfinished.decrementAndGet() == 0 && threads[0] != null) {
        LockSupport.unpark(threads[0]);
      }
    }
  }

  /** Unwinds a worker whose team mate failed. */
  private static final class Released extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Released() {
      super(null, null, false, false);
    }
  }
}
