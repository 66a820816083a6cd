package io.recur.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Interleaving, medians and speed ratios. */
class ComparisonTest {
  private static BenchResult result(double train, double score, double ms) {
    return new BenchResult(OptionalDouble.of(train), score, ms);
  }

  @Test
  void roundsAlternateRecurAndPeer() {
    List<String> order = new ArrayList<>();
    IntFunction<BenchResult> recur = r -> {
      order.add("recur " + r);
      return result(r, r, r);
    };
    IntFunction<BenchResult> peer = r -> {
      order.add("peer " + r);
      return result(r, r, r);
    };
    Comparison c = Comparison.interleave(3, recur, Optional.of(peer));
    assertEquals(List.of("recur 1", "peer 1", "recur 2", "peer 2", "recur 3", "peer 3"), order);
    assertEquals(3, c.recur().size());
    assertEquals(3, c.peer().size());
  }

  @Test
  void mediansAreTakenFieldByFieldAndRatiosAreRecursSpeedOverThePeers() {
    Comparison c = new Comparison(
        List.of(result(10, 100, 2), result(30, 50, 1), result(20, 400, 4)),
        List.of(result(40, 200, 0.5), result(40, 100, 8), result(5, 100, 1)));
    BenchResult recur = c.recurMedian();
    assertEquals(20, recur.trainTokensPerSecond().getAsDouble());
    assertEquals(100, recur.scoreTokensPerSecond().getAsDouble());
    assertEquals(2, recur.generationMsPerToken().getAsDouble());
    BenchResult.Speedup s = c.speedup().orElseThrow();
    assertEquals(0.5, s.train().getAsDouble(), 1e-12, "20 vs 40 tokens/s");
    assertEquals(1.0, s.score().getAsDouble(), 1e-12);
    assertEquals(0.5, s.generation().getAsDouble(), 1e-12, "2 ms vs 1 ms per token: half as fast");
  }

  @Test
  void anEvenNumberOfRoundsTakesTheMeanOfTheMiddleTwo() {
    BenchResult m = BenchResult.median(List.of(result(1, 10, 1), result(4, 20, 3), result(2, 30, 2), result(8, 40, 9)));
    assertEquals(3, m.trainTokensPerSecond().getAsDouble());
    assertEquals(25, m.scoreTokensPerSecond().getAsDouble());
    assertEquals(2.5, m.generationMsPerToken().getAsDouble());
  }

  @Test
  void withoutTrainingOrWithoutAPeerThoseNumbersAreAbsent() {
    BenchResult inferenceOnly = new BenchResult(OptionalDouble.empty(), 100, 1);
    Comparison c = Comparison.interleave(1, r -> inferenceOnly, Optional.of(r -> result(10, 50, 2)));
    assertTrue(c.recurMedian().trainTokensPerSecond().isEmpty());
    assertTrue(c.speedup().orElseThrow().train().isEmpty());
    assertEquals(2.0, c.speedup().orElseThrow().score().getAsDouble());
    assertEquals(2.0, c.speedup().orElseThrow().generation().getAsDouble());
    Comparison alone = Comparison.interleave(2, r -> inferenceOnly, Optional.empty());
    assertTrue(alone.peer().isEmpty() && alone.peerMedian().isEmpty() && alone.speedup().isEmpty());
  }

  @Test
  void aPeerWithoutScoringOrGenerationLeavesThoseRatiosAbsent() {
    BenchResult trainingOnly = new BenchResult(OptionalDouble.of(50), OptionalDouble.empty(), OptionalDouble.empty());
    Comparison c = Comparison.interleave(2, r -> result(100, 10, 1), Optional.of(r -> trainingOnly));
    assertEquals(2.0, c.speedup().orElseThrow().train().getAsDouble());
    assertTrue(c.speedup().orElseThrow().score().isEmpty() && c.speedup().orElseThrow().generation().isEmpty());
    assertTrue(c.peerMedian().orElseThrow().scoreTokensPerSecond().isEmpty());
  }

  @Test
  void refusesNoRoundsAndImpossibleMeasurements() {
    assertThrows(InvalidInputException.class, () -> Comparison.interleave(0, r -> result(1, 1, 1), Optional.empty()));
    assertThrows(IllegalArgumentException.class, () -> result(0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> result(1, Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> result(1, 1, -1));
    assertThrows(IllegalArgumentException.class, () -> new Comparison(List.of(result(1, 1, 1)), List.of(result(1, 1, 1),
        result(1, 1, 1))));
  }
}
