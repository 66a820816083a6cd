package io.recur.core.optim;

import java.nio.FloatBuffer;
import java.util.List;

/** Plain stochastic gradient descent: {@code p ← p - lr · g}. */
public record Sgd() implements Optimizer {
  @Override
  public String name() {
    return "sgd";
  }

  @Override
  public List<String> slots() {
    return List.of();
  }

  @Override
  public void update(FloatBuffer param, FloatBuffer grad, FloatBuffer[] slots, long step, double learningRate, double gradScale) {
    float k = (float) (learningRate * gradScale);
    int n = param.limit();
    for (int i = 0; i < n; i++) {
      param.put(i, param.get(i) - k * grad.get(i));
    }
  }
}
