package io.recur.spark;

import io.recur.core.model.ParameterSet;
import io.recur.core.optim.OptimizerState;
import io.recur.core.train.BatchReport;
import io.recur.core.train.EpochReport;
import io.recur.core.train.TrainingListener;
import io.recur.core.train.TrainingResult;
import io.recur.core.train.TrainingRun;
import java.util.ArrayList;
import java.util.List;

/** Records what a run's listeners see: every minibatch report, and the session's final parameters and optimizer state. */
final class Outcome implements TrainingListener {
  final List<BatchReport> batches = new ArrayList<>();
  ParameterSet params;
  OptimizerState optimizer;
  TrainingResult result;

  @Override
  public void onBatchEnd(TrainingRun run, BatchReport batch) {
    batches.add(batch);
  }

  @Override
  public void onTrainingEnd(TrainingRun run, TrainingResult r) {
    params = run.session().parameters();
    optimizer = run.session().optimizerState();
    result = r;
  }

  /** Each epoch's training and held-out loss and element count (not its seconds), for comparing runs. */
  static List<List<Double>> losses(List<EpochReport> history) {
    return history.stream().map(e -> List.of(e.trainLoss(), e.validationLoss(), (double) e.count())).toList();
  }

  /** The largest absolute difference between two parameter sets with the same keys. */
  static double maxAbsDiff(ParameterSet a, ParameterSet b) {
    double max = 0;
    for (var k : a.keys()) {
      float[] x = a.get(k).data();
      float[] y = b.get(k).data();
      for (int i = 0; i < x.length; i++) {
        max = Math.max(max, Math.abs(x[i] - y[i]));
      }
    }
    return max;
  }
}
