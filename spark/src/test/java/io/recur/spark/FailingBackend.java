package io.recur.spark;

import io.recur.core.backend.Backend;
import io.recur.core.backend.Capability;
import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.StepLoss;
import io.recur.core.backend.StepResult;
import io.recur.core.backend.TrainingSession;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.optim.Optimizer;
import io.recur.core.optim.OptimizerState;
import io.recur.core.sequence.Minibatch;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;

/**
 * A worker backend whose sessions fail the task of shard {@code shard} (-1: every shard) that is
 * about to make update {@code atStep} — on the first attempt of that task only, or on every
 * attempt — by throwing, or by halting the executor's JVM (a lost worker). Everything else is the
 * real backend's.
 */
record FailingBackend(WorkerBackend real, int shard, long atStep, boolean everyAttempt, boolean haltExecutor)
    implements WorkerBackend {
  /** Failures injected in this JVM (local mode: the tests' own). */
  static final AtomicInteger FAILURES = new AtomicInteger();

  @Override
  public Backend open() {
    Backend backend = real.open();
    return new Backend() {
      @Override
      public String name() {
        return backend.name();
      }

      @Override
      public Set<Capability> capabilities() {
        return backend.capabilities();
      }

      @Override
      public TrainingSession openTraining(ModelSpec spec, ParameterSet initial, Optimizer optimizer) {
        return new Session(backend.openTraining(spec, initial, optimizer));
      }

      @Override
      public InferenceModel openInference(ModelSpec spec, ParameterSet params) {
        return backend.openInference(spec, params);
      }

      @Override
      public int threads() {
        return backend.threads();
      }

      @Override
      public String describe() {
        return backend.describe();
      }
    };
  }

  private final class Session implements TrainingSession {
    private final TrainingSession session;
    private long updates;

    Session(TrainingSession session) {
      this.session = session;
    }

    @Override
    public StepResult step(Minibatch batch, long dropoutSeed, double learningRate, double clip) {
      TaskContext task = TaskContext.get();
      if (updates + 1 == atStep && (shard < 0 || task.partitionId() == shard) && (everyAttempt || task.attemptNumber() == 0)) {
        FAILURES.incrementAndGet();
        if (haltExecutor) {
          Runtime.getRuntime().halt(1);
        }
        throw new IllegalStateException("injected failure before update " + atStep);
      }
      updates++;
      return session.step(batch, dropoutSeed, learningRate, clip);
    }

    @Override
    public StepLoss computeGradients(Minibatch batch, long dropoutSeed) {
      return session.computeGradients(batch, dropoutSeed);
    }

    @Override
    public double gradientNorm() {
      return session.gradientNorm();
    }

    @Override
    public void applyUpdate(double learningRate, double gradientScale) {
      session.applyUpdate(learningRate, gradientScale);
    }

    @Override
    public StepLoss evaluate(Minibatch batch) {
      return session.evaluate(batch);
    }

    @Override
    public ParameterSet parameters() {
      return session.parameters();
    }

    @Override
    public void setParameters(ParameterSet params) {
      session.setParameters(params);
    }

    @Override
    public ParameterSet gradients() {
      return session.gradients();
    }

    @Override
    public OptimizerState optimizerState() {
      return session.optimizerState();
    }

    @Override
    public void setOptimizerState(OptimizerState state) {
      updates = state.step();
      session.setOptimizerState(state);
    }

    @Override
    public void close() {
      session.close();
    }
  }
}
