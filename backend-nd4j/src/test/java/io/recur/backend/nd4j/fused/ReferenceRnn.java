package io.recur.backend.nd4j.fused;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@link io.recur.core.cell.RnnCell}'s equations (tanh or ReLU) in float64, one batch row, with their backward. */
record ReferenceRnn(int inputSize, int hiddenSize, boolean relu) implements ReferenceCell {
  private record Saved(double[] x, double[] hPrev, double[] h) {}

  @Override
  public int stateCount() {
    return 1;
  }

  @Override
  public Map<String, Integer> paramSizes() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("W_x", hiddenSize * inputSize);
    m.put("W_h", hiddenSize * hiddenSize);
    m.put("b", hiddenSize);
    return m;
  }

  @Override
  public Object forward(Map<String, double[]> p, double[] x, double[][] state, double[][] next) {
    double[] pre = p.get("b").clone();
    ReferenceCell.addProduct(p.get("W_x"), x, pre, hiddenSize);
    ReferenceCell.addProduct(p.get("W_h"), state[0], pre, hiddenSize);
    double[] hs = new double[hiddenSize];
    for (int j = 0; j < hiddenSize; j++) {
      hs[j] = relu ? Math.max(pre[j], 0) : Math.tanh(pre[j]);
    }
    next[0] = hs;
    return new Saved(x, state[0], hs);
  }

  @Override
  public void backward(Map<String, double[]> p, Object saved, double[][] dState, double[] dx, Map<String, double[]> dParams) {
    Saved s = (Saved) saved;
    double[] dPre = new double[hiddenSize];
    for (int j = 0; j < hiddenSize; j++) {
      double slope = relu ? (s.h[j] > 0 ? 1 : 0) : 1 - s.h[j] * s.h[j];
      dPre[j] = dState[0][j] * slope;
      dParams.get("b")[j] += dPre[j];
    }
    double[] dhPrev = new double[hiddenSize];
    ReferenceCell.addProductBackward(p.get("W_x"), s.x, dPre, hiddenSize, dParams.get("W_x"), dx);
    ReferenceCell.addProductBackward(p.get("W_h"), s.hPrev, dPre, hiddenSize, dParams.get("W_h"), dhPrev);
    dState[0] = dhPrev;
  }
}
