package io.recur.spark;

import io.recur.core.backend.Backend;
import io.recur.core.config.RecurConfig;
import java.io.Serializable;

/**
 * How an executor gets the backend its workers train on. It travels with every task, so it is
 * serializable; {@link #configured} selects a backend as the command line does. Supply your own
 * to train cells that only your Guice modules register.
 */
@FunctionalInterface
public interface WorkerBackend extends Serializable {
  /** A backend; called on an executor when a worker opens its training session. */
  Backend open();

  /**
   * The backend {@code config} names, among those found on the executor's class path. A thread
   * count of 0 (the backend chooses) becomes 1: a worker is one Spark task on one core.
   */
  static WorkerBackend configured(RecurConfig config) {
    return new ConfiguredBackend(config.backend(), Math.max(1, config.threads()), config.fused(), config.device());
  }
}
