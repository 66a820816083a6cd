package io.recur.backend.nd4j.fused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Only inputs whose every row holds a single 1 and zeros take the gather route. */
class OneHotTest {
  private static int[] tokens(double[] x, int rows, int cols) {
    return OneHot.tokens(FloatBlock.of(Problem.array(x, rows, cols)), rows, cols);
  }

  @Test
  void findsTheHotColumnOfEveryRow() {
    assertArrayEquals(new int[] {2, 0}, tokens(new double[] {0, 0, 1, 1, 0, 0}, 2, 3));
  }

  @Test
  void anythingElseIsDense() {
    assertNull(tokens(new double[] {0, 0, 1, 1, 1, 0}, 2, 3), "two ones in a row");
    assertNull(tokens(new double[] {0, 0, 1, 0, 0, 0}, 2, 3), "an empty row");
    assertNull(tokens(new double[] {0, 0, 1, 0.5, 0, 0}, 2, 3), "a fraction");
    assertNull(tokens(new double[] {0, 0, 1, 0, -1, 0}, 2, 3), "a minus one");
    assertNull(tokens(new double[] {0, 0, 1, 0, 2, 0}, 2, 3), "a two");
  }
}
