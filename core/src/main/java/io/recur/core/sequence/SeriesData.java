package io.recur.core.sequence;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.recur.core.InvalidInputException;
import io.recur.core.util.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A series model's data: it reads the last {@code tau} time points of the named {@code columns}
 * and predicts the next one; values are standardised per column ({@code (x − mean) / scale}, fitted
 * on the training part only) before the model sees them, and predictions are mapped back. With
 * {@code differences = 1} the model reads and predicts first differences {@code x_t − x_{t−1}}
 * (standardised the same way), and a forecast is the last value plus the predicted difference — for
 * series with a trend that leaves the training part's range.
 */
public record SeriesData(int tau, List<String> columns, double[] mean, double[] scale, int differences) implements DataSpec {
  public SeriesData {
    columns = List.copyOf(columns);
    if (tau < 1) {
      throw new InvalidInputException("tau must be >= 1 (got " + tau + "); pass --tau N");
    }
    if (differences != 0 && differences != 1) {
      throw new IllegalArgumentException("differences must be 0 or 1 (got " + differences + ")");
    }
    if (columns.isEmpty() || mean.length != columns.size() || scale.length != columns.size()) {
      throw new IllegalArgumentException("series data needs one mean and one scale per column " + columns);
    }
    for (int i = 0; i < scale.length; i++) {
      if (!(scale[i] > 0) || !Double.isFinite(scale[i]) || !Double.isFinite(mean[i])) {
        throw new IllegalArgumentException("column " + columns.get(i) + " has scale " + scale[i] + " and mean " + mean[i]
            + "; both must be finite and the scale > 0");
      }
    }
    mean = mean.clone();
    scale = scale.clone();
  }

  /** Data of values read as they are ({@code differences = 0}). */
  public SeriesData(int tau, List<String> columns, double[] mean, double[] scale) {
    this(tau, columns, mean, scale, 0);
  }

  /** Values per time point. */
  public int variables() {
    return columns.size();
  }

  /** Inputs a model reads per step: {@code tau · variables}. */
  public int features() {
    return tau * variables();
  }

  public double standardise(int column, double x) {
    return (x - mean[column]) / scale[column];
  }

  public double restore(int column, double z) {
    return z * scale[column] + mean[column];
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] scale() {
    return scale.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeriesData s && tau == s.tau && columns.equals(s.columns) && Arrays.equals(mean, s.mean)
        && Arrays.equals(scale, s.scale) && differences == s.differences;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * tau + differences) + columns.hashCode()) + Arrays.hashCode(mean) + 7 * Arrays.hashCode(scale);
  }

  @Override
  public String toString() {
    return "SeriesData(tau " + tau + ", columns " + columns + (differences > 0 ? " differenced" : "") + ", mean "
        + Arrays.toString(mean) + ", scale " + Arrays.toString(scale) + ")";
  }

  public JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("tau", tau);
    JsonArray cs = new JsonArray();
    columns.forEach(cs::add);
    o.add("columns", cs);
    JsonArray m = new JsonArray();
    JsonArray s = new JsonArray();
    for (int i = 0; i < mean.length; i++) {
      m.add(mean[i]);
      s.add(scale[i]);
    }
    o.add("mean", m);
    o.add("scale", s);
    o.addProperty("differences", differences);
    return o;
  }

  /** Parses {@link #toJson} strictly; {@code differences} may be absent (0), as in the first series checkpoints. */
  public static SeriesData fromJson(JsonElement e) {
    if (e == null || !e.isJsonObject()) {
      throw new JsonParseException("the series data is not a JSON object");
    }
    JsonObject o = e.getAsJsonObject();
    Json.requireFields(o, o.has("differences") ? Set.of("tau", "columns", "mean", "scale", "differences")
        : Set.of("tau", "columns", "mean", "scale"), "series data");
    List<String> columns = new ArrayList<>();
    for (JsonElement c : array(o, "columns")) {
      if (!c.isJsonPrimitive() || !c.getAsJsonPrimitive().isString()) {
        throw new JsonParseException("\"columns\" holds a non-string");
      }
      columns.add(c.getAsString());
    }
    return new SeriesData(Json.integer(o, "tau"), columns, numbers(o, "mean"), numbers(o, "scale"),
        o.has("differences") ? Json.integer(o, "differences") : 0);
  }

  private static JsonArray array(JsonObject o, String key) {
    if (!o.get(key).isJsonArray()) {
      throw new JsonParseException("\"" + key + "\" is not an array");
    }
    return o.getAsJsonArray(key);
  }

  private static double[] numbers(JsonObject o, String key) {
    JsonArray a = array(o, key);
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      JsonElement x = a.get(i);
      if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()) {
        throw new JsonParseException("\"" + key + "\" holds a non-number");
      }
      out[i] = x.getAsDouble();
    }
    return out;
  }
}
