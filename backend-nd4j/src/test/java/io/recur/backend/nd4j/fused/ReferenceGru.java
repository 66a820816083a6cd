package io.recur.backend.nd4j.fused;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link io.recur.core.cell.GruCell}'s equations (PyTorch's: {@code b_hn} inside the reset
 * product) in float64, one batch row, with their backward.
 */
record ReferenceGru(int inputSize, int hiddenSize) implements ReferenceCell {
  private record Saved(double[] x, double[] hPrev, double[] r, double[] z, double[] n, double[] hn) {}

  @Override
  public int stateCount() {
    return 1;
  }

  @Override
  public Map<String, Integer> paramSizes() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("W_x", 3 * hiddenSize * inputSize);
    m.put("W_h", 3 * hiddenSize * hiddenSize);
    m.put("b", 3 * hiddenSize);
    m.put("b_hn", hiddenSize);
    return m;
  }

  @Override
  public Object forward(Map<String, double[]> p, double[] x, double[][] state, double[][] next) {
    int h = hiddenSize;
    double[] gx = p.get("b").clone();
    ReferenceCell.addProduct(p.get("W_x"), x, gx, 3 * h);
    double[] gh = new double[3 * h];
    ReferenceCell.addProduct(p.get("W_h"), state[0], gh, 3 * h);
    Saved s = new Saved(x, state[0], new double[h], new double[h], new double[h], new double[h]);
    double[] hs = new double[h];
    for (int j = 0; j < h; j++) {
      s.r[j] = ReferenceCell.sigmoid(gx[j] + gh[j]);
      s.z[j] = ReferenceCell.sigmoid(gx[h + j] + gh[h + j]);
      s.hn[j] = gh[2 * h + j] + p.get("b_hn")[j];
      s.n[j] = Math.tanh(gx[2 * h + j] + s.r[j] * s.hn[j]);
      hs[j] = (1 - s.z[j]) * s.n[j] + s.z[j] * state[0][j];
    }
    next[0] = hs;
    return s;
  }

  @Override
  public void backward(Map<String, double[]> p, Object saved, double[][] dState, double[] dx, Map<String, double[]> dParams) {
    Saved s = (Saved) saved;
    int h = hiddenSize;
    double[] dGx = new double[3 * h];
    double[] dGh = new double[3 * h];
    double[] dhPrev = new double[h];
    for (int j = 0; j < h; j++) {
      double dh = dState[0][j];
      double dn = dh * (1 - s.z[j]) * (1 - s.n[j] * s.n[j]);
      double dz = dh * (s.hPrev[j] - s.n[j]) * s.z[j] * (1 - s.z[j]);
      double dr = dn * s.hn[j] * s.r[j] * (1 - s.r[j]);
      dGx[j] = dr;
      dGx[h + j] = dz;
      dGx[2 * h + j] = dn;
      dGh[j] = dr;
      dGh[h + j] = dz;
      dGh[2 * h + j] = dn * s.r[j];
      dhPrev[j] = dh * s.z[j];
      dParams.get("b_hn")[j] += dn * s.r[j];
    }
    for (int q = 0; q < 3 * h; q++) {
      dParams.get("b")[q] += dGx[q];
    }
    ReferenceCell.addProductBackward(p.get("W_x"), s.x, dGx, 3 * h, dParams.get("W_x"), dx);
    ReferenceCell.addProductBackward(p.get("W_h"), s.hPrev, dGh, 3 * h, dParams.get("W_h"), dhPrev);
    dState[0] = dhPrev;
  }
}
