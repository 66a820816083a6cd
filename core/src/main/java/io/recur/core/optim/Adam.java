package io.recur.core.optim;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba): {@code m ← β1·m + (1-β1)·g}, {@code v ← β2·v + (1-β2)·g²},
 * {@code p ← p - lr · m̂ / (√v̂ + ε)} with bias-corrected {@code m̂ = m/(1-β1^t)},
 * {@code v̂ = v/(1-β2^t)}.
 */
public record Adam(double beta1, double beta2, double epsilon) implements Optimizer {
  @Override
  public String name() {
    return "adam";
  }

  @Override
  public List<String> slots() {
    return List.of("m", "v");
  }

  @Override
  public void update(FloatBuffer param, FloatBuffer grad, FloatBuffer[] slots, long step, double learningRate, double gradScale) {
    FloatBuffer m = slots[0];
    FloatBuffer v = slots[1];
    float b1 = (float) beta1;
    float b2 = (float) beta2;
    float c1 = (float) (1 / (1 - Math.pow(beta1, step)));
    float c2 = (float) (1 / (1 - Math.pow(beta2, step)));
    float lr = (float) learningRate;
    float eps = (float) epsilon;
    float s = (float) gradScale;
    int n = param.limit();
    for (int i = 0; i < n; i++) {
      float g = s * grad.get(i);
      float mi = b1 * m.get(i) + (1 - b1) * g;
      float vi = b2 * v.get(i) + (1 - b2) * g * g;
      m.put(i, mi);
      v.put(i, vi);
      param.put(i, param.get(i) - lr * (mi * c1) / ((float) Math.sqrt(vi * c2) + eps));
    }
  }
}
