package io.recur.bench;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * One measurement of the three numbers {@code recur bench} reports: training tokens per second
 * (empty when the backend cannot train), scoring tokens per second, and milliseconds per generated
 * token.
 */
public record BenchResult(OptionalDouble trainTokensPerSecond, double scoreTokensPerSecond, double generationMsPerToken) {
  public BenchResult {
    if (!positive(trainTokensPerSecond.orElse(1)) || !positive(scoreTokensPerSecond) || !positive(generationMsPerToken)) {
      throw new IllegalArgumentException("measurements must be positive and finite: train " + trainTokensPerSecond
          + ", score " + scoreTokensPerSecond + ", generation " + generationMsPerToken);
    }
  }

  private static boolean positive(double v) {
    return v > 0 && Double.isFinite(v);
  }

  /** The median of each number over {@code results} (the mean of the middle two for an even count). */
  public static BenchResult median(List<BenchResult> results) {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("no results to take the median of");
    }
    boolean trained = results.stream().allMatch(r -> r.trainTokensPerSecond().isPresent());
    return new BenchResult(
        trained ? OptionalDouble.of(median(results, r -> r.trainTokensPerSecond().getAsDouble())) : OptionalDouble.empty(),
        median(results, BenchResult::scoreTokensPerSecond), median(results, BenchResult::generationMsPerToken));
  }

  private static double median(List<BenchResult> results, Function<BenchResult, Double> field) {
    double[] v = results.stream().map(field).mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /**
   * How much faster this is than {@code other}, field by field ({@code > 1}: this is faster):
   * throughputs divide this by other, generation latency divides other by this; training is empty
   * unless both trained.
   */
  public Speedup speedupOver(BenchResult other) {
    OptionalDouble train = trainTokensPerSecond.isPresent() && other.trainTokensPerSecond.isPresent()
        ? OptionalDouble.of(trainTokensPerSecond.getAsDouble() / other.trainTokensPerSecond.getAsDouble())
        : OptionalDouble.empty();
    return new Speedup(train, scoreTokensPerSecond / other.scoreTokensPerSecond,
        other.generationMsPerToken / generationMsPerToken);
  }

  /** Speed ratios, each {@code > 1} when the first result is faster. */
  public record Speedup(OptionalDouble train, double score, double generation) {}

  @Override
  public String toString() {
    return "train " + (trainTokensPerSecond.isPresent() ? String.format("%,.0f tok/s", trainTokensPerSecond.getAsDouble()) : "-")
        + String.format(", score %,.0f tok/s, generation %.3f ms/token", scoreTokensPerSecond, generationMsPerToken);
  }
}
