package io.recur.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.recur.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop's warm-up and timing rules, on a clock that advances only when a step runs. */
class TimedLoopTest {
  /** A clock at which every step takes {@code stepSeconds}. */
  private static final class StepClock {
    private final long stepNanos;
    private long now;

    StepClock(double stepSeconds) {
      this.stepNanos = Math.round(stepSeconds * 1e9);
    }

    long read() {
      return now;
    }

    void step() {
      now += stepNanos;
    }
  }

  @Test
  void warmsUpForTheLongerOfItsStepsAndSecondsThenTimesAtLeastTheSeconds() {
    StepClock clock = new StepClock(0.25);
    List<Integer> indices = new ArrayList<>();
    TimedLoop.Timed t = new TimedLoop(3, 2.0, 1.1).run(i -> {
      indices.add(i);
      clock.step();
    }, clock::read);
    // warm-up: 8 steps (2 s, more than 3 steps); timed: 5 steps (1.25 s ≥ 1.1 s)
    assertEquals(13, indices.size());
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), indices);
    assertEquals(5, t.iterations());
    assertEquals(1.25, t.seconds(), 1e-12);
    assertEquals(5 * 1120 / 1.25, t.rate(1120), 1e-9);
  }

  @Test
  void aWarmUpOfStepsOnlyWhenItsSecondsAreZero() {
    StepClock clock = new StepClock(1.0);
    List<Integer> indices = new ArrayList<>();
    TimedLoop.Timed t = new TimedLoop(30, 0, 0.5).run(i -> {
      indices.add(i);
      clock.step();
    }, clock::read);
    assertEquals(31, indices.size(), "30 warm-up steps, then one timed step that already exceeds 0.5 s");
    assertEquals(1, t.iterations());
  }

  @Test
  void refusesNonPositiveSecondsAndNegativeWarmUps() {
    assertThrows(InvalidInputException.class, () -> new TimedLoop(30, 3, 0));
    assertThrows(InvalidInputException.class, () -> new TimedLoop(30, -1, 1));
    assertThrows(InvalidInputException.class, () -> new TimedLoop(-1, 0, 1));
    assertThrows(InvalidInputException.class, () -> new TimedLoop(30, Double.NaN, 1));
  }
}
