package io.recur.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.checkpoint.CheckpointStore;
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two executors in JVMs of their own ({@code local-cluster[2,1,1024]}: a standalone master and two
 * workers inside the test JVM): training runs there, and when the JVM of the executor training
 * shard 2 halts in the middle of epoch 2, Spark retries that task elsewhere and the run completes.
 */
class LocalClusterTest {
  @Test
  void trainsOnTwoExecutorJvmsAndSurvivesLosingOne(@TempDir Path dir) throws IOException {
    TestSpark.stopLocal();
    SparkConf conf = new SparkConf().setMaster("local-cluster[2,1,1024]").setAppName("recur-spark-cluster-test")
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.executor.extraClassPath", TestSparkHome.prepare())
        .set("spark.executorEnv.OMP_NUM_THREADS", "1");
    JavaSparkContext sc = new JavaSparkContext(conf);
    AtomicInteger lost = new AtomicInteger();
    sc.sc().addSparkListener(new SparkListener() {
      @Override
      public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        lost.incrementAndGet();
      }
    });
    try {
      TrainingConfig config = Runs.config(2, "sgd", 1, 1);
      SparkTrainer spark = SparkTrainer.on(sc, new DataParallel(2, 5),
          new FailingBackend(WorkerBackend.configured(Runs.CONFIG), 1, 36, false, true));
      TrainingResult result = Runs.job(Runs.spec(0), config).checkpointTo(dir).run(Runs.backend(), Runs.data(config), spark);

      assertTrue(lost.get() >= 1, "an executor was lost");
      assertEquals(2, result.history().size());
      assertEquals(2, CheckpointStore.read(dir).epochsDone());
      assertTrue(result.last().validationMetric() < 20, "held-out perplexity " + result.last().validationMetric());
      assertTrue(spark.statistics().rounds() >= 10, "rounds: " + spark.statistics().rounds());
      assertTrue(Files.isDirectory(Path.of(System.getenv("SPARK_HOME"), "jars")));
    } finally {
      sc.stop();
    }
  }
}
