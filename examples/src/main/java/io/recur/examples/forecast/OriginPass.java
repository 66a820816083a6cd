package io.recur.examples.forecast;

import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import io.recur.data.series.History;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forecasts every origin of one series to horizon K in one pass with carried state. One session
 * row, the tracker, reads the observed windows {@code W_p = x[p … p+r−1]} in order (r = τ, or τ + 1
 * for a model of differences); at the window that ends just before an origin {@code o}
 * ({@code p = o − r}) its output is the step-1 forecast of {@code x[o]}, and a copy of its state
 * becomes a new row ({@code reorder}) that is fed its own predictions for steps 2 … K and then
 * dropped. All rows advance together, one window per call, so
 * the pass costs about {@code (T − τ)} calls of at most {@code K + 1} rows (plus one call that
 * reads the windows before the first origin), instead of one warm-up per origin.
 *
 * <p>No row reads past its origin: the tracker's windows for origin {@code o} come from that
 * origin's history, which holds only {@code x[0 … o−1]}, and {@link #applies} checks that the
 * histories are consecutive prefixes of one series.
 */
final class OriginPass {
  private final ModelPredictor predictor;
  private final List<History> histories;

  OriginPass(ModelPredictor predictor, List<History> histories) {
    this.predictor = predictor;
    this.histories = histories;
  }

  /**
   * Whether {@code histories} are what the protocol's first step passes: no fed-back values, origins
   * increasing from at least {@code reach} (the values a window spans), each history agreeing with
   * the previous one on all its values.
   */
  static boolean applies(List<History> histories, int reach) {
    if (histories.isEmpty() || histories.get(0).origin() < reach) {
      return false;
    }
    for (int i = 0; i < histories.size(); i++) {
      History h = histories.get(i);
      if (h.length() != h.origin() || i > 0 && h.origin() <= histories.get(i - 1).origin()) {
        return false;
      }
      if (i > 0) {
        History previous = histories.get(i - 1);
        for (int t = 0; t < previous.origin(); t++) {
          if (h.get(t) != previous.get(t)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** The forecasts of each history at steps 1 … {@code horizon}, in the series' units. */
  Map<History, double[]> run(int horizon) {
    int reach = predictor.reach();
    Map<History, double[]> plans = new IdentityHashMap<>();
    try (InferenceSession session = predictor.model().newSession(1)) {
      int p = histories.get(0).origin() - reach;
      if (p > 0) {
        float[][] warmUp = new float[p][];
        for (int i = 0; i < p; i++) {
          warmUp[i] = predictor.window(histories.get(0), i);
        }
        session.forward(new float[][][] {warmUp});
      }
      int next = 0; // the next history the tracker serves; the tracker is row 0 while next < size
      List<Row> rows = new ArrayList<>(); // the forecasting rows, session rows after the tracker
      while (next < histories.size() || !rows.isEmpty()) {
        boolean tracking = next < histories.size();
        int first = tracking ? 1 : 0;
        float[][][] inputs = new float[first + rows.size()][1][];
        if (tracking) {
          inputs[0][0] = predictor.window(histories.get(next), p);
        }
        for (int i = 0; i < rows.size(); i++) {
          inputs[first + i][0] = rows.get(i).window;
        }
        Logits out = session.forward(inputs);

        List<Row> kept = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        if (tracking) {
          order.add(0);
        }
        for (int i = 0; i < rows.size(); i++) {
          Row r = rows.get(i);
          if (r.add(out.get(0, first + i, 0), plans)) {
            kept.add(r);
            order.add(first + i);
          }
        }
        if (tracking && p + reach == histories.get(next).origin()) {
          Row born = new Row(histories.get(next), horizon);
          if (born.add(out.get(0, 0, 0), plans)) {
            kept.add(born);
            order.add(0);
          }
          next++;
          if (next == histories.size()) {
            order.remove(0); // the tracker has served the last origin
          }
        }
        rows = kept;
        if (order.isEmpty()) {
          break;
        }
        if (!isIdentity(order, inputs.length)) {
          session.reorder(order.stream().mapToInt(Integer::intValue).toArray());
        }
        p++;
      }
    }
    return plans;
  }

  private static boolean isIdentity(List<Integer> order, int rows) {
    if (order.size() != rows) {
      return false;
    }
    for (int i = 0; i < rows; i++) {
      if (order.get(i) != i) {
        return false;
      }
    }
    return true;
  }

  /** One origin's forecast in progress: its predictions so far, the window its next step reads, the latest value. */
  private final class Row {
    final History history;
    final double[] predictions;
    final float[] window;
    double last;
    int made;

    Row(History history, int horizon) {
      this.history = history;
      this.predictions = new double[horizon];
      this.window = predictor.window(history, history.origin() - predictor.reach());
      this.last = history.get(history.origin() - 1);
    }

    /** Records the prediction the model output {@code z} gives and feeds it back; returns whether more steps remain (else the plan is stored). */
    boolean add(float z, Map<History, double[]> plans) {
      double prediction = predictor.prediction(z, last);
      predictions[made++] = prediction;
      if (made == predictions.length) {
        plans.put(history, predictions);
        return false;
      }
      System.arraycopy(window, 1, window, 0, window.length - 1);
      window[window.length - 1] = predictor.fedBack(prediction, last);
      last = prediction;
      return true;
    }
  }
}
