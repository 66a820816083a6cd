package io.recur.examples.forecast;

import io.recur.core.model.FloatArray;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.model.SeriesModel;
import io.recur.data.series.LinearAr;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The linear autoregressive model fitted in closed form ({@link LinearAr}: least squares) and
 * written as the parameters of the series model with no layers (cell {@code linear}): the head's
 * weight is the lag weights (oldest first, as the model's input windows are), its bias the
 * intercept. The result runs, saves, exports and forecasts like a trained model.
 */
public final class ClosedFormLinear {
  private ClosedFormLinear() {}

  /** The spec of the linear model reading {@code tau} values and predicting one. */
  public static ModelSpec spec(int tau) {
    return ModelSpec.builder().cell(ModelSpec.LINEAR).layers(0).hidden(1).series(tau, 1).build();
  }

  /**
   * @param scaledTrain the training part, standardised as the model's inputs will be
   * @throws io.recur.core.InvalidInputException if the training part is too short for τ
   */
  public static ParameterSet fit(double[] scaledTrain, int tau) {
    LinearAr ar = LinearAr.fit(scaledTrain, tau);
    double[] w = ar.weights();
    float[] weight = new float[tau];
    for (int i = 0; i < tau; i++) {
      weight[i] = (float) w[i];
    }
    Map<ParamKey, FloatArray> values = new LinkedHashMap<>();
    values.put(SeriesModel.HEAD_WEIGHT, new FloatArray(new int[] {1, tau}, weight));
    values.put(SeriesModel.HEAD_BIAS, new FloatArray(new int[] {1}, new float[] {(float) ar.intercept()}));
    return new ParameterSet(values);
  }
}
