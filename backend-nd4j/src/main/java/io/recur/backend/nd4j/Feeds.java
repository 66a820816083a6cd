package io.recur.backend.nd4j;

import io.recur.core.InvalidInputException;
import io.recur.core.model.ModelSpec;
import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Minibatch;
import io.recur.core.sequence.SeriesBatch;

/** A minibatch as the tensors a model reads and is scored against, checked against the model first. */
record Feeds(Nd4jTensor inputs, Nd4jTensor targets) {
  static Feeds of(Nd4jOps ops, ModelSpec spec, Minibatch batch) {
    if (batch instanceof Batch b) {
      if (spec.task() != ModelSpec.Task.LANGUAGE) {
        throw new InvalidInputException("a series model was fed token ids; feed values");
      }
      Tokens.check(b.inputs(), spec.vocabSize());
      Tokens.check(b.targets(), spec.vocabSize());
      return new Feeds(ops.tokens(b.inputs()), ops.tokens(b.targets()));
    }
    SeriesBatch s = (SeriesBatch) batch;
    checkSeries(spec, s.features(), s.outputs());
    return new Feeds(ops.values(s.inputsTimeMajor(), s.steps(), s.batchSize(), s.features()),
        ops.values(s.targetsTimeMajor(), s.steps(), s.batchSize(), s.outputs()));
  }

  /** Refuses values of the wrong width for a series model (or values for a language model). */
  static void checkSeries(ModelSpec spec, int features, int outputs) {
    if (spec.task() != ModelSpec.Task.SERIES) {
      throw new InvalidInputException("a language model was fed real values; feed token ids");
    }
    if (features != spec.features() || outputs != spec.outputs()) {
      throw new InvalidInputException("the model reads " + spec.features() + " and predicts " + spec.outputs()
          + " values per step, but the batch has " + features + " and " + outputs);
    }
  }
}
