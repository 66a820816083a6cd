package io.recur.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Spark home that {@code local-cluster} workers launch executors from ({@code SPARK_HOME}, set
 * by the build): a {@code RELEASE} file and a {@code jars/} directory linking the jars of the test
 * class path. Executors get the class path itself, directories included, as their extra class path.
 */
final class TestSparkHome {
  private TestSparkHome() {}

  /** Fills {@code SPARK_HOME} and returns the class path for the executors. */
  static String prepare() throws IOException {
    Path home = Path.of(System.getenv("SPARK_HOME"));
    Path jars = Files.createDirectories(home.resolve("jars"));
    Files.writeString(home.resolve("RELEASE"), "Spark (Maven jars) for Recur's tests\n");
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      Path link = jars.resolve(p.getFileName());
      if (entry.endsWith(".jar") && Files.notExists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(link, p.toAbsolutePath());
      }
    }
    return classPath;
  }
}
