package io.recur.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark context the tests share: {@code local[2,2]} (two task slots, a failed task tried
 * twice). A JVM runs one context at a time, so tests that start their own stop this one first;
 * the next test that needs it starts it again.
 */
final class TestSpark {
  private static JavaSparkContext local;

  private TestSpark() {}

  static synchronized JavaSparkContext local() {
    if (local == null) {
      local = new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName("recur-spark-tests")
          .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"));
    }
    return local;
  }

  static synchronized void stopLocal() {
    if (local != null) {
      local.stop();
      local = null;
    }
  }
}
