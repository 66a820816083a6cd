package io.recur.examples.forecast;

import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import io.recur.core.model.ModelSpec;
import io.recur.core.sequence.SeriesData;
import io.recur.data.series.Forecasts;
import io.recur.data.series.History;
import io.recur.data.series.OneStepPredictor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained series model (on any backend, or ONNX Runtime) as a one-step predictor for
 * {@link Forecasts}: at every step the model reads the last τ values of a history (or, for a model
 * of differences, the last τ differences {@code x_t − x_{t−1}}), standardised by its
 * {@link SeriesData}, with its recurrent state having read every earlier window of that history
 * from the start; the prediction comes back in the series' units (for differences: the last value
 * plus the predicted difference). Univariate: the model reads and predicts one column.
 *
 * <p>{@link Forecasts#run} asks for step 1 of every origin at once, then step 2 of each, and so on.
 * Such a first batch — histories of consecutive origins of one series, nothing fed back yet — is
 * answered by {@link OriginPass}, one pass over the series that forecasts every origin to the
 * {@code horizon} this predictor was made for; the later batches are answered from that plan as
 * long as each history holds exactly the plan's own predictions after its origin. Any other history
 * is predicted from scratch (a fresh session reads all its windows), so answers never depend on
 * which path gave them beyond float rounding, and never on a value a history does not hold.
 */
public final class ModelPredictor implements OneStepPredictor {
  private final InferenceModel model;
  private final SeriesData data;
  private final int horizon;
  private final Map<History, double[]> plans = new IdentityHashMap<>();

  /**
   * @param horizon how far the one-pass plan forecasts each origin (the protocol's largest horizon)
   */
  public ModelPredictor(InferenceModel model, SeriesData data, int horizon) {
    ModelSpec spec = model.spec();
    if (spec.task() != ModelSpec.Task.SERIES || spec.features() != data.features() || spec.outputs() != data.variables()) {
      throw new IllegalArgumentException("a " + spec.task() + " model reading " + spec.inputSize() + " values per step does not fit "
          + data);
    }
    if (data.variables() != 1) {
      throw new IllegalArgumentException("forecasting reads one column; this model reads " + data.columns());
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be >= 1 (got " + horizon + ")");
    }
    this.model = model;
    this.data = data;
    this.horizon = horizon;
  }

  /** The prediction for one history from scratch: a fresh session reads all its windows in one call. */
  @Override
  public double next(History history) {
    if (history.length() < reach()) {
      throw new IllegalArgumentException("a model of tau " + data.tau() + (data.differences() > 0 ? " on differences" : "")
          + " needs " + reach() + " past values, not " + history.length());
    }
    float[][] windows = new float[history.length() - reach() + 1][];
    for (int p = 0; p < windows.length; p++) {
      windows[p] = window(history, p);
    }
    try (InferenceSession s = model.newSession(1)) {
      Logits out = s.forward(new float[][][] {windows});
      return prediction(out.get(out.steps() - 1, 0, 0), history.get(history.length() - 1));
    }
  }

  @Override
  public double[] next(List<History> histories) {
    if (histories.stream().noneMatch(plans::containsKey) && OriginPass.applies(histories, reach())) {
      plans.putAll(new OriginPass(this, histories).run(horizon));
    }
    double[] out = new double[histories.size()];
    for (int i = 0; i < out.length; i++) {
      History h = histories.get(i);
      double[] plan = plans.get(h);
      int fed = h.length() - h.origin();
      out[i] = plan != null && fed < plan.length && follows(h, plan) ? plan[fed] : next(h);
    }
    return out;
  }

  /** Whether the values after the history's origin are the plan's predictions, in order. */
  private static boolean follows(History h, double[] plan) {
    for (int t = h.origin(); t < h.length(); t++) {
      if (h.get(t) != plan[t - h.origin()]) {
        return false;
      }
    }
    return true;
  }

  InferenceModel model() {
    return model;
  }

  /** How many values of the series one window spans: τ, plus one for a model of differences. */
  int reach() {
    return data.tau() + data.differences();
  }

  /** The model's input at step {@code p}: the values (or differences) starting at {@code x[p]}, standardised. */
  float[] window(History h, int p) {
    float[] w = new float[data.tau()];
    for (int i = 0; i < w.length; i++) {
      int t = p + i + data.differences();
      w[i] = (float) data.standardise(0, data.differences() == 0 ? h.get(t) : h.get(t) - h.get(t - 1));
    }
    return w;
  }

  /** The forecast in the series' units from the model's output {@code z}, {@code last} being the latest value. */
  double prediction(float z, double last) {
    double v = data.restore(0, z);
    return data.differences() == 0 ? v : last + v;
  }

  /** What the model reads for a forecast {@code prediction} fed back after {@code last}: as {@link #window} would. */
  float fedBack(double prediction, double last) {
    return (float) data.standardise(0, data.differences() == 0 ? prediction : prediction - last);
  }
}
