package io.recur.core.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SoftmaxTest {
  @Test
  void largeLogitsDoNotOverflow() {
    float[] logits = {1000f, 1001f, 999f};
    double[] p = Softmax.probabilities(logits, 0, 3, 1.0);
    double z = Math.exp(-1) + 1 + Math.exp(-2);
    assertEquals(Math.exp(-1) / z, p[0], 1e-15);
    assertEquals(1 / z, p[1], 1e-15);
    assertEquals(Math.exp(-2) / z, p[2], 1e-15);
  }

  @Test
  void logSoftmaxIsTheLogOfTheSoftmaxAndSumsToOne() {
    float[] logits = {0.3f, -2f, 5f, 1.25f};
    double[] logp = Softmax.logSoftmax(logits, 0, 4, 1.0);
    double sum = 0;
    double z = 0;
    for (float l : logits) {
      z += Math.exp(l);
    }
    for (int i = 0; i < 4; i++) {
      assertEquals(logits[i] - Math.log(z), logp[i], 1e-12);
      assertEquals(logp[i], Softmax.logProbability(logits, 0, 4, i), 1e-12);
      sum += Math.exp(logp[i]);
    }
    assertEquals(1.0, sum, 1e-12);
  }

  @Test
  void temperatureDividesTheLogits() {
    float[] logits = {1f, 2f, 4f};
    double[] hot = Softmax.probabilities(logits, 0, 3, 2.0);
    double[] plain = Softmax.probabilities(new float[] {0.5f, 1f, 2f}, 0, 3, 1.0);
    for (int i = 0; i < 3; i++) {
      assertEquals(plain[i], hot[i], 1e-15);
    }
  }

  @Test
  void aTemperatureNearZeroPutsAllMassOnTheMaximumWithoutNaN() {
    double[] p = Softmax.probabilities(new float[] {0.1f, 0.3f, 0.2f}, 0, 3, 1e-300);
    assertEquals(0.0, p[0]);
    assertEquals(1.0, p[1]);
    assertEquals(0.0, p[2]);
  }

  @Test
  void readsTheRowAtTheOffset() {
    float[] data = {9f, 9f, 0f, 1f, 9f};
    double[] logp = Softmax.logSoftmax(data, 2, 2, 1.0);
    assertEquals(-Math.log(1 + Math.E), logp[0], 1e-12);
    assertEquals(1, Softmax.argmax(data, 2, 2));
  }

  @Test
  void argmaxBreaksTiesByLowestIndex() {
    assertEquals(1, Softmax.argmax(new float[] {0f, 3f, 1f, 3f}, 0, 4));
    assertEquals(0, Softmax.argmax(new float[] {-0f, 0f}, 0, 2));
  }

  @Test
  void minusInfinityIsATokenThatCannotBeChosen() {
    float[] logits = {Float.NEGATIVE_INFINITY, 0f, 0f};
    double[] p = Softmax.probabilities(logits, 0, 3, 1.0);
    assertEquals(0.0, p[0]);
    assertEquals(0.5, p[1], 1e-15);
    assertEquals(Double.NEGATIVE_INFINITY, Softmax.logProbability(logits, 0, 3, 0));
  }

  @Test
  void brokenLogitsAreRefusedNamingTheToken() {
    IllegalStateException nan = assertThrows(IllegalStateException.class,
        () -> Softmax.logSoftmax(new float[] {0f, Float.NaN}, 0, 2, 1.0));
    assertTrue(nan.getMessage().contains("token 1 is NaN"), nan.getMessage());
    assertThrows(IllegalStateException.class, () -> Softmax.argmax(new float[] {Float.POSITIVE_INFINITY, 0f}, 0, 2));
    IllegalStateException none = assertThrows(IllegalStateException.class,
        () -> Softmax.probabilities(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, 0, 2, 1.0));
    assertTrue(none.getMessage().contains("-Infinity"), none.getMessage());
  }
}
