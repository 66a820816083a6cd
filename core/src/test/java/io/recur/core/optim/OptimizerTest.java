package io.recur.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class OptimizerTest {
  private static FloatBuffer direct(float... v) {
    FloatBuffer b = ByteBuffer.allocateDirect(v.length * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    b.put(v).flip();
    return b;
  }

  @Test
  void sgdStepsAgainstTheScaledGradient() {
    FloatBuffer p = FloatBuffer.wrap(new float[] {1f, -2f});
    Optimizer.named("sgd").update(p, FloatBuffer.wrap(new float[] {0.5f, 1f}), new FloatBuffer[0], 1, 0.1, 0.5);
    assertEquals(1f - 0.1f * 0.5f * 0.5f, p.get(0), 1e-7);
    assertEquals(-2f - 0.1f * 0.5f, p.get(1), 1e-7);
  }

  @Test
  void adamMatchesTheTextbookUpdateOnDirectBuffers() {
    Optimizer adam = Optimizer.named("adam");
    FloatBuffer p = direct(1f);
    FloatBuffer m = direct(0f);
    FloatBuffer v = direct(0f);
    double pd = 1;
    double md = 0;
    double vd = 0;
    double[] grads = {0.3, -0.1, 0.2};
    for (int t = 1; t <= grads.length; t++) {
      adam.update(p, direct((float) grads[t - 1]), new FloatBuffer[] {m, v}, t, 0.01, 1.0);
      md = 0.9 * md + 0.1 * grads[t - 1];
      vd = 0.999 * vd + 0.001 * grads[t - 1] * grads[t - 1];
      pd -= 0.01 * (md / (1 - Math.pow(0.9, t))) / (Math.sqrt(vd / (1 - Math.pow(0.999, t))) + 1e-8);
      assertEquals(pd, p.get(0), 1e-6);
    }
    assertEquals(java.util.List.of("m", "v"), adam.slots());
  }

  @Test
  void unknownOptimizerListsTheChoices() {
    var e = assertThrows(InvalidInputException.class, () -> Optimizer.named("rmsprop"));
    assertTrue(e.getMessage().contains("[adam, sgd]"));
  }
}
