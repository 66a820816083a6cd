package io.recur.backend.nd4j.fused;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@link io.recur.core.cell.LstmCell}'s equations in float64, one batch row, with their backward. */
record ReferenceLstm(int inputSize, int hiddenSize) implements ReferenceCell {
  private record Saved(double[] x, double[] hPrev, double[] cPrev, double[] i, double[] f, double[] g, double[] o, double[] c) {}

  @Override
  public int stateCount() {
    return 2;
  }

  @Override
  public Map<String, Integer> paramSizes() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("W_x", 4 * hiddenSize * inputSize);
    m.put("W_h", 4 * hiddenSize * hiddenSize);
    m.put("b", 4 * hiddenSize);
    return m;
  }

  @Override
  public Object forward(Map<String, double[]> p, double[] x, double[][] state, double[][] next) {
    int h = hiddenSize;
    double[] pre = p.get("b").clone();
    ReferenceCell.addProduct(p.get("W_x"), x, pre, 4 * h);
    ReferenceCell.addProduct(p.get("W_h"), state[0], pre, 4 * h);
    Saved s = new Saved(x, state[0], state[1], new double[h], new double[h], new double[h], new double[h], new double[h]);
    double[] hs = new double[h];
    for (int j = 0; j < h; j++) {
      s.i[j] = ReferenceCell.sigmoid(pre[j]);
      s.f[j] = ReferenceCell.sigmoid(pre[h + j]);
      s.g[j] = Math.tanh(pre[2 * h + j]);
      s.o[j] = ReferenceCell.sigmoid(pre[3 * h + j]);
      s.c[j] = s.f[j] * state[1][j] + s.i[j] * s.g[j];
      hs[j] = s.o[j] * Math.tanh(s.c[j]);
    }
    next[0] = hs;
    next[1] = s.c.clone();
    return s;
  }

  @Override
  public void backward(Map<String, double[]> p, Object saved, double[][] dState, double[] dx, Map<String, double[]> dParams) {
    Saved s = (Saved) saved;
    int h = hiddenSize;
    double[] dPre = new double[4 * h];
    double[] dcPrev = new double[h];
    for (int j = 0; j < h; j++) {
      double tc = Math.tanh(s.c[j]);
      double dh = dState[0][j];
      double dc = dState[1][j] + dh * s.o[j] * (1 - tc * tc);
      dPre[j] = dc * s.g[j] * s.i[j] * (1 - s.i[j]);
      dPre[h + j] = dc * s.cPrev[j] * s.f[j] * (1 - s.f[j]);
      dPre[2 * h + j] = dc * s.i[j] * (1 - s.g[j] * s.g[j]);
      dPre[3 * h + j] = dh * tc * s.o[j] * (1 - s.o[j]);
      dcPrev[j] = dc * s.f[j];
    }
    double[] dhPrev = new double[h];
    for (int q = 0; q < 4 * h; q++) {
      dParams.get("b")[q] += dPre[q];
    }
    ReferenceCell.addProductBackward(p.get("W_x"), s.x, dPre, 4 * h, dParams.get("W_x"), dx);
    ReferenceCell.addProductBackward(p.get("W_h"), s.hPrev, dPre, 4 * h, dParams.get("W_h"), dhPrev);
    dState[0] = dhPrev;
    dState[1] = dcPrev;
  }
}
