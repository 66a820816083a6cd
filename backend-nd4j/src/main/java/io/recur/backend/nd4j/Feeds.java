package io.recur.backend.nd4j;

import io.recur.core.backend.InputChecks;
import io.recur.core.model.ModelSpec;
import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Minibatch;
import io.recur.core.sequence.SeriesBatch;

/** A minibatch as the tensors a model reads and is scored against, checked against the model first. */
record Feeds(Nd4jTensor inputs, Nd4jTensor targets) {
  static Feeds of(Nd4jOps ops, ModelSpec spec, Minibatch batch) {
    InputChecks.minibatch(spec, batch);
    if (batch instanceof Batch b) {
      return new Feeds(ops.tokens(b.inputs()), ops.tokens(b.targets()));
    }
    SeriesBatch s = (SeriesBatch) batch;
    return new Feeds(ops.values(s.inputsTimeMajor(), s.steps(), s.batchSize(), s.features()),
        ops.values(s.targetsTimeMajor(), s.steps(), s.batchSize(), s.outputs()));
  }

}
