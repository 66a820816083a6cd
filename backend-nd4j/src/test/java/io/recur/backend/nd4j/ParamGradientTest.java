package io.recur.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.optim.Adam;
import io.recur.core.optim.Optimizer;
import io.recur.core.optim.Sgd;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A parameter's gradient buffer: row contributions keep it row-sparse (exactly the dense sum, stale
 * rows of earlier steps cleaned), dense ones make it dense, the norm counts what is there, and a
 * sparse SGD update equals core's dense update while Adam always sees the dense gradient.
 */
class ParamGradientTest {
  private static INDArray rows(float... v) {
    return Nd4j.create(v, new long[] {v.length / 3, 3}, DataType.FLOAT);
  }

  private static float[] values(ParamGradient g) {
    return g.copy().data();
  }

  @Test
  void rowContributionsAddUpAndLeaveOtherRowsZero() {
    ParamGradient g = new ParamGradient(new long[] {5, 3});
    g.clear();
    g.addRows(new int[] {3, 1, 3}, rows(1, 2, 3, 4, 5, 6, 7, 8, 9));
    assertArrayEquals(new float[] {0, 0, 0, 4, 5, 6, 0, 0, 0, 8, 10, 12, 0, 0, 0}, values(g));
    assertEquals(16 + 25 + 36 + 64 + 100 + 144, g.sumOfSquares(), 1e-9);
  }

  @Test
  void aClearedGradientIsZeroAndItsStaleRowsAreCleanedOnTheNextContribution() {
    ParamGradient g = new ParamGradient(new long[] {4, 3});
    g.clear();
    g.addRows(new int[] {0}, rows(1, 1, 1));
    g.clear();
    assertTrue(g.isZero());
    assertEquals(0, g.sumOfSquares());
    g.addRows(new int[] {2}, rows(2, 2, 2));
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 2, 2, 2, 0, 0, 0}, values(g));
    g.clear();
    g.add(Nd4j.ones(DataType.FLOAT, 4, 3));
    g.clear();
    g.addRows(new int[] {1}, rows(3, 3, 3));
    assertArrayEquals(new float[] {0, 0, 0, 3, 3, 3, 0, 0, 0, 0, 0, 0}, values(g), "a dense step's values are gone");
    g.clear();
    assertArrayEquals(new float[12], values(g));
  }

  @Test
  void aDenseContributionAfterRowsMakesItDense() {
    ParamGradient g = new ParamGradient(new long[] {3, 3});
    g.clear();
    g.addRows(new int[] {1}, rows(1, 2, 3));
    g.add(Nd4j.ones(DataType.FLOAT, 3, 3));
    g.addRows(new int[] {2}, rows(1, 1, 1));
    assertArrayEquals(new float[] {1, 1, 1, 2, 3, 4, 2, 2, 2}, values(g));
    assertEquals(3 + 4 + 9 + 16 + 12, g.sumOfSquares(), 1e-9);
  }

  @Test
  void sparseSgdEqualsTheDenseUpdateAndAdamSeesEveryElement() {
    for (Optimizer opt : new Optimizer[] {new Sgd(), new Adam(0.9, 0.999, 1e-8)}) {
      ParamGradient g = new ParamGradient(new long[] {6, 3});
      g.clear();
      g.addRows(new int[] {4, 1}, rows(0.5f, -1, 2, 3, 0.25f, -0.75f));
      float[] start = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
      FloatBuffer expected = FloatBuffer.wrap(start.clone());
      FloatBuffer[] expectedSlots = slots(opt, 18);
      opt.update(expected, FloatBuffer.wrap(values(g)), expectedSlots, 1, 0.1, 0.5);
      FloatBuffer actual = FloatBuffer.wrap(start.clone());
      FloatBuffer[] actualSlots = slots(opt, 18);
      g.update(opt, actual, actualSlots, 1, 0.1, 0.5);
      assertArrayEquals(expected.array(), actual.array(), opt.name());
      for (int s = 0; s < expectedSlots.length; s++) {
        assertArrayEquals(expectedSlots[s].array(), actualSlots[s].array(), opt.name() + " slot " + s);
      }
    }
  }

  private static FloatBuffer[] slots(Optimizer opt, int n) {
    FloatBuffer[] s = new FloatBuffer[opt.slots().size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = FloatBuffer.wrap(new float[n]);
    }
    return s;
  }
}
