package io.recur.backend.nd4j.fused;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A float64 run of a {@link ReferenceCell} over {@code x [T, B, I]} (row-major, time-major) from
 * an initial state (each {@code [B, H]}), and its backward pass: the reference for the fused
 * kernels' outputs and gradients.
 */
final class ReferenceRun {
  /** Gradients w.r.t. the input {@code [T, B, I]}, each parameter, and each initial state {@code [B, H]}. */
  record Gradients(double[] dx, Map<String, double[]> dParams, List<double[]> dInitialState) {}

  private final ReferenceCell cell;
  private final int steps;
  private final int batch;
  private final Map<String, double[]> params;
  private final double[] output;
  private final double[][] finalState;
  private final Object[][] saved;

  ReferenceRun(ReferenceCell cell, int steps, int batch, double[] x, Map<String, double[]> params, List<double[]> initialState) {
    this.cell = cell;
    this.steps = steps;
    this.batch = batch;
    this.params = params;
    int in = cell.inputSize();
    int h = cell.hiddenSize();
    this.output = new double[steps * batch * h];
    this.finalState = new double[cell.stateCount()][batch * h];
    this.saved = new Object[steps][batch];
    for (int b = 0; b < batch; b++) {
      double[][] state = new double[cell.stateCount()][];
      for (int s = 0; s < state.length; s++) {
        state[s] = Arrays.copyOfRange(initialState.get(s), b * h, (b + 1) * h);
      }
      for (int t = 0; t < steps; t++) {
        int row = t * batch + b;
        double[][] next = new double[state.length][];
        saved[t][b] = cell.forward(params, Arrays.copyOfRange(x, row * in, (row + 1) * in), state, next);
        System.arraycopy(next[0], 0, output, row * h, h);
        state = next;
      }
      for (int s = 0; s < state.length; s++) {
        System.arraycopy(state[s], 0, finalState[s], b * h, h);
      }
    }
  }

  double[] output() {
    return output.clone();
  }

  List<double[]> finalState() {
    return Arrays.stream(finalState).map(double[]::clone).toList();
  }

  /** Back-propagates {@code dOutput [T, B, H]} and {@code dFinalState}; {@code null}s mean zero. */
  Gradients backward(double[] dOutput, List<double[]> dFinalState) {
    int in = cell.inputSize();
    int h = cell.hiddenSize();
    double[] dx = new double[steps * batch * in];
    Map<String, double[]> dParams = new LinkedHashMap<>();
    cell.paramSizes().forEach((name, size) -> dParams.put(name, new double[size]));
    List<double[]> dInitial = new ArrayList<>();
    for (int s = 0; s < cell.stateCount(); s++) {
      dInitial.add(new double[batch * h]);
    }
    for (int b = 0; b < batch; b++) {
      double[][] dState = new double[cell.stateCount()][];
      for (int s = 0; s < dState.length; s++) {
        double[] d = dFinalState == null ? null : dFinalState.get(s);
        dState[s] = d == null ? new double[h] : Arrays.copyOfRange(d, b * h, (b + 1) * h);
      }
      for (int t = steps - 1; t >= 0; t--) {
        int row = t * batch + b;
        if (dOutput != null) {
          for (int j = 0; j < h; j++) {
            dState[0][j] += dOutput[row * h + j];
          }
        }
        double[] dxRow = new double[in];
        cell.backward(params, saved[t][b], dState, dxRow, dParams);
        System.arraycopy(dxRow, 0, dx, row * in, in);
      }
      for (int s = 0; s < dState.length; s++) {
        System.arraycopy(dState[s], 0, dInitial.get(s), b * h, h);
      }
    }
    return new Gradients(dx, dParams, dInitial);
  }
}
