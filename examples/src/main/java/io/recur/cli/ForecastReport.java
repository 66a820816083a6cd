package io.recur.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.recur.core.model.ModelSpec;
import io.recur.core.sequence.SeriesData;
import io.recur.data.series.HorizonScore;
import io.recur.examples.forecast.ForecastScores;
import io.recur.examples.forecast.SeriesSource;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.SortedSet;

/**
 * What {@code recur forecast} reports: the CLI contract's {@code one_step_mse}, {@code k_step_mse},
 * {@code mase} and {@code baselines} ({@code naive}, {@code seasonal_naive}: null without a season),
 * the model's scores at every horizon, what was fitted and how; and, without {@code --json}, a table
 * of a few horizons before the plain fields.
 *
 * @param seasonal null without {@code --season}
 */
record ForecastReport(SeriesSource source, ModelSpec spec, SeriesData data, ForecastScores model, ForecastScores naive,
    ForecastScores seasonal) {
  /** The model as the reports name it: {@code linear AR(52)}, {@code gru 1×32, tau 52 of differences}. */
  static String describe(ModelSpec s, SeriesData data) {
    String of = data.differences() > 0 ? " of differences" : "";
    if (s.layers() == 0) {
      return "linear AR(" + data.tau() + ")" + of;
    }
    return s.cell() + " " + s.layers() + "×" + s.hidden() + ", tau " + data.tau() + of;
  }

  /** Every result; {@code extra} (how the model was fitted, timings, paths) is appended as given. */
  JsonObject json(String how, Integer season, JsonObject extra) {
    JsonObject o = new JsonObject();
    o.addProperty("series", source.series().name());
    o.addProperty("points", source.series().length());
    o.addProperty("train_points", source.trainLength());
    o.addProperty("held_out", source.series().length() - source.trainLength());
    o.addProperty("interpolated", source.interpolated());
    o.addProperty("model", describe(spec, data));
    o.addProperty("cell", spec.cell());
    o.addProperty("fit", how);
    o.addProperty("tau", data.tau());
    o.addProperty("differences", data.differences());
    o.addProperty("horizon", model.horizons().size());
    o.addProperty("season", season);
    o.addProperty("one_step_mse", model.oneStepMse());
    o.addProperty("k_step_mse", model.kStepMse());
    o.addProperty("mase", model.mase());
    JsonArray byHorizon = new JsonArray();
    for (HorizonScore h : model.horizons()) {
      JsonObject s = new JsonObject();
      s.addProperty("horizon", h.horizon());
      s.addProperty("count", h.count());
      s.addProperty("mse", h.mse());
      s.addProperty("mae", h.mae());
      s.addProperty("mase", h.mase());
      byHorizon.add(s);
    }
    o.add("horizons", byHorizon);
    JsonObject baselines = new JsonObject();
    baselines.add("naive", baseline(naive));
    baselines.add("seasonal_naive", seasonal == null ? JsonNull.INSTANCE : baseline(seasonal));
    o.add("baselines", baselines);
    extra.entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
    return o;
  }

  /** The MSE and MASE at {@code horizons} beside the baselines' MASE. */
  void table(PrintWriter out, SortedSet<Integer> horizons) {
    out.printf("%8s %12s %10s %12s %12s%n", "horizon", "mse", "mase", "naive mase", "seasonal");
    for (int k : horizons) {
      out.printf(Locale.ROOT, "%8d %12.5g %10.4f %12.4f %12s%n", k, model.at(k).mse(), model.at(k).mase(), naive.at(k).mase(),
          seasonal == null ? "-" : String.format(Locale.ROOT, "%.4f", seasonal.at(k).mase()));
    }
  }

  private static JsonObject baseline(ForecastScores s) {
    JsonObject o = new JsonObject();
    o.addProperty("mase", s.mase());
    o.addProperty("k_step_mse", s.kStepMse());
    o.addProperty("one_step_mse", s.oneStepMse());
    JsonArray mase = new JsonArray();
    s.horizons().forEach(h -> mase.add(h.mase()));
    o.add("mase_by_horizon", mase);
    return o;
  }
}
