/**
 * Data-parallel training on Apache Spark: {@link io.recur.spark.SparkTrainer} trains one model
 * across executors by local steps on contiguous shards of the token stream and parameter
 * averaging, as a {@link io.recur.core.train.TrainingLoop} of the core's training job. Depends on
 * core, data and Spark; the executors find their backend through core's discovery.
 */
package io.recur.spark;
