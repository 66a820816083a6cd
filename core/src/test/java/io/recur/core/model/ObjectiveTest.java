package io.recur.core.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The divergence thresholds, pinned at their boundaries: a loss equal to the threshold trains on, one ulp above stops. */
class ObjectiveTest {
  @Test
  void theExplodedThresholdsAreExclusive() {
    assertFalse(Objective.CROSS_ENTROPY.exploded(Objective.EXPLODED_CROSS_ENTROPY));
    assertTrue(Objective.CROSS_ENTROPY.exploded(Math.nextUp(Objective.EXPLODED_CROSS_ENTROPY)));
    assertFalse(Objective.SQUARED_ERROR.exploded(Objective.EXPLODED_SQUARED_ERROR));
    assertTrue(Objective.SQUARED_ERROR.exploded(Math.nextUp(Objective.EXPLODED_SQUARED_ERROR)));
    assertTrue(100 == Objective.EXPLODED_CROSS_ENTROPY && 1e6 == Objective.EXPLODED_SQUARED_ERROR, "the documented values");
  }
}
