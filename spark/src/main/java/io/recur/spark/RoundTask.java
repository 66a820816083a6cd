package io.recur.spark;

import io.recur.core.backend.StepResult;
import io.recur.core.backend.TrainingSession;
import io.recur.core.sequence.Partitioner;
import io.recur.core.train.Trainer;
import io.recur.data.partition.Partitioners;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * One averaging round on the executors: every shard's worker loads the broadcast model state and
 * makes {@code count} local steps from minibatch {@code first} of {@code epoch} through the core's
 * {@link TrainingSession#step}, then reports its state and losses. A worker whose step diverges
 * stops there and says so.
 */
final class RoundTask implements FlatMapFunction<Iterator<Shard>, WorkerReport> {
  private static final long serialVersionUID = 1L;
  private final WorkerPlan plan;
  private final int epoch;
  private final int first;
  private final int count;
  private final double learningRate;
  private final Broadcast<ModelState> start;

  RoundTask(WorkerPlan plan, int epoch, int first, int count, double learningRate, Broadcast<ModelState> start) {
    this.plan = plan;
    this.epoch = epoch;
    this.first = first;
    this.count = count;
    this.learningRate = learningRate;
    this.start = start;
  }

  @Override
  public Iterator<WorkerReport> call(Iterator<Shard> shards) {
    List<WorkerReport> reports = new ArrayList<>(1);
    while (shards.hasNext()) {
      reports.add(train(shards.next()));
    }
    return reports.iterator();
  }

  private WorkerReport train(Shard shard) {
    ModelState state = start.value();
    ShardSession worker = ShardSessions.acquire(plan, shard, epoch, first, state);
    boolean succeeded = false;
    try {
      TrainingSession session = worker.session();
      session.setParameters(state.parameters());
      session.setOptimizerState(state.optimizerState());
      Partitioner partitioner = Partitioners.byName(plan.partition());
      double[] losses = new double[count];
      long[] counts = new long[count];
      double[] norms = new double[count];
      int done = 0;
      boolean diverged = false;
      long began = System.nanoTime();
      while (done < count && !diverged) {
        int i = first + done;
        StepResult step = session.step(worker.batch(plan, partitioner, epoch, i), shard.dropoutSeed(plan.seed(), epoch, i),
            learningRate, plan.clip());
        losses[done] = step.loss().sum();
        counts[done] = step.loss().count();
        norms[done] = step.gradientNorm();
        diverged = Trainer.diverged(step, plan.objective());
        done++;
      }
      double seconds = (System.nanoTime() - began) / 1e9;
      WorkerReport report = new WorkerReport(shard.index(), ModelState.of(session.parameters(), session.optimizerState()),
          Arrays.copyOf(losses, done), Arrays.copyOf(counts, done), Arrays.copyOf(norms, done), diverged, seconds);
      succeeded = !diverged;
      return report;
    } finally {
      ShardSessions.release(plan, shard, worker, succeeded);
    }
  }
}
