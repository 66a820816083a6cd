package io.recur.spark;

import com.google.gson.JsonParser;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ModelSpecJson;
import io.recur.core.model.Objective;
import io.recur.core.train.TrainingConfig;
import java.io.Serializable;

/**
 * What every worker of one run needs to know, in serializable form: the run's identity, the model
 * (its spec as JSON), how minibatches are cut and stepped, and how to get a backend.
 */
record WorkerPlan(String runId, String spec, String optimizer, String partition, int batchSize, int steps, double clip,
    long seed, Objective objective, WorkerBackend backend) implements Serializable {

  static WorkerPlan of(String runId, ModelSpec spec, TrainingConfig config, String partition, Objective objective,
      WorkerBackend backend) {
    return new WorkerPlan(runId, ModelSpecJson.toJson(spec).toString(), config.optimizer(), partition, config.batchSize(),
        config.steps(), config.clip(), config.seed(), objective, backend);
  }

  ModelSpec modelSpec() {
    return ModelSpecJson.fromJson(JsonParser.parseString(spec));
  }
}
