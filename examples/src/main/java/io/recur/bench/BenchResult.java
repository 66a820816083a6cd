package io.recur.bench;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * One measurement of the three numbers {@code recur bench} reports: training tokens per second,
 * scoring tokens per second and milliseconds per generated token. Each may be absent: training on
 * a backend that cannot train, scoring and generation when a peer does not measure them.
 */
public record BenchResult(OptionalDouble trainTokensPerSecond, OptionalDouble scoreTokensPerSecond,
    OptionalDouble generationMsPerToken) {
  public BenchResult {
    for (OptionalDouble v : List.of(trainTokensPerSecond, scoreTokensPerSecond, generationMsPerToken)) {
      if (v.isPresent() && !(v.getAsDouble() > 0 && Double.isFinite(v.getAsDouble()))) {
        throw new IllegalArgumentException("measurements must be positive and finite: train " + trainTokensPerSecond
            + ", score " + scoreTokensPerSecond + ", generation " + generationMsPerToken);
      }
    }
  }

  /** All three measured, training only if {@code train} is present. */
  public BenchResult(OptionalDouble train, double score, double generation) {
    this(train, OptionalDouble.of(score), OptionalDouble.of(generation));
  }

  /** The median of each number over {@code results} (the mean of the middle two for an even count); absent unless every result has it. */
  public static BenchResult median(List<BenchResult> results) {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("no results to take the median of");
    }
    return new BenchResult(median(results, BenchResult::trainTokensPerSecond), median(results, BenchResult::scoreTokensPerSecond),
        median(results, BenchResult::generationMsPerToken));
  }

  private static OptionalDouble median(List<BenchResult> results, Function<BenchResult, OptionalDouble> field) {
    if (!results.stream().allMatch(r -> field.apply(r).isPresent())) {
      return OptionalDouble.empty();
    }
    double[] v = results.stream().map(field).mapToDouble(OptionalDouble::getAsDouble).sorted().toArray();
    return OptionalDouble.of(v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);
  }

  /**
   * How much faster this is than {@code other}, field by field ({@code > 1}: this is faster):
   * throughputs divide this by other, generation latency divides other by this; a ratio is absent
   * unless both have the number.
   */
  public Speedup speedupOver(BenchResult other) {
    return new Speedup(ratio(trainTokensPerSecond, other.trainTokensPerSecond), ratio(scoreTokensPerSecond, other.scoreTokensPerSecond),
        ratio(other.generationMsPerToken, generationMsPerToken));
  }

  private static OptionalDouble ratio(OptionalDouble a, OptionalDouble b) {
    return a.isPresent() && b.isPresent() ? OptionalDouble.of(a.getAsDouble() / b.getAsDouble()) : OptionalDouble.empty();
  }

  /** Speed ratios, each {@code > 1} when the first result is faster. */
  public record Speedup(OptionalDouble train, OptionalDouble score, OptionalDouble generation) {}

  @Override
  public String toString() {
    return "train " + format(trainTokensPerSecond, "%,.0f tok/s") + ", score " + format(scoreTokensPerSecond, "%,.0f tok/s")
        + ", generation " + format(generationMsPerToken, "%.3f ms/token");
  }

  private static String format(OptionalDouble v, String pattern) {
    return v.isPresent() ? String.format(pattern, v.getAsDouble()) : "-";
  }
}
