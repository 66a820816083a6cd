package io.recur.cli;

import com.google.gson.JsonObject;
import com.google.inject.Injector;
import io.recur.core.InvalidInputException;
import io.recur.core.backend.Backend;
import io.recur.core.backend.BackendSelector;
import io.recur.core.backend.InferenceModel;
import io.recur.core.cell.CellRegistry;
import io.recur.core.inference.LoadedModel;
import io.recur.core.inference.ModelLoader;
import io.recur.core.model.ModelSpec;
import io.recur.core.sequence.SeriesData;
import io.recur.data.series.Baselines;
import io.recur.data.series.Forecast;
import io.recur.data.series.Forecasts;
import io.recur.data.series.Metrics;
import io.recur.data.series.MissingValues;
import io.recur.data.series.Scaler;
import io.recur.examples.forecast.ForecastPlot;
import io.recur.examples.forecast.ForecastScores;
import io.recur.examples.forecast.ModelPredictor;
import io.recur.examples.forecast.SeriesSource;
import io.recur.examples.forecast.TimeAxis;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recur forecast}: fits or loads a model of a real-valued series — the closed-form linear
 * autoregressive model, a recurrent regressor trained here, or a saved checkpoint or ONNX file —
 * and scores its 1- to K-step-ahead forecasts from every origin of the held-out part beside the
 * naive and seasonal-naive forecasts, in the series' units.
 */
@Command(name = "forecast", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Forecast a series (the textbook's noisy sine or a CSV column) with a linear AR model or a recurrent "
        + "regressor: 1- to K-step-ahead forecasts from every held-out origin by feeding predictions back, scored against "
        + "naive and seasonal-naive forecasts; --out saves the model, --plot draws the k-step predictions.")
final class ForecastCommand implements Callable<Integer> {
  /** Model names that train a new model; anything else is a saved model or a cell class. */
  static final List<String> NEW_MODELS = List.of(ModelSpec.LINEAR, "rnn", "rnn-relu", "lstm", "gru");

  @Spec
  CommandSpec spec;

  @Mixin
  JsonOutput json;

  @Option(names = "--series", required = true, paramLabel = "sine|FILE.csv", description = "The textbook's noisy sine, or a CSV file.")
  String series;

  @Option(names = "--column", paramLabel = "NAME", description = "The CSV column, by header name or number from 1 (default: the last numeric one).")
  String column;

  @Option(names = "--missing", defaultValue = "interpolate", paramLabel = "interpolate|error",
      description = "Empty CSV cells: fill linearly and say how many, or refuse the file (default: ${DEFAULT-VALUE}).")
  String missing;

  @Option(names = "--tau", paramLabel = "N", description = "Past values the model reads per step (default: 4; a saved model's own).")
  Integer tau;

  @Option(names = "--model", defaultValue = "linear", paramLabel = "linear|rnn|lstm|gru|CLASS|DIR|FILE.onnx",
      description = "A model to fit (a cell name or class; linear: no recurrent layers), or a saved one (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--fit", defaultValue = "closed", paramLabel = "closed|sgd",
      description = "The linear model: least squares in closed form, or trained by gradient descent like the others (default: ${DEFAULT-VALUE}).")
  String fit;

  @Option(names = "--difference", description = "Model the first differences x_t − x_{t−1} (for a trend that leaves the training range).")
  boolean difference;

  @Option(names = "--horizon", required = true, paramLabel = "K", description = "Forecast 1 … K steps ahead; k_step_mse is at K.")
  int horizon;

  @Option(names = "--season", paramLabel = "S", description = "Season length for the seasonal-naive forecast and the MASE scale (default: none, naive).")
  Integer season;

  @Option(names = "--val-fraction", paramLabel = "F",
      description = "Hold out the last fraction F (default: the sine's last 400 of 1000 points, a file's last 0.2).")
  Double valFraction;

  @Option(names = "--out", paramLabel = "DIR", description = "Save the fitted model as a checkpoint (for --model DIR and recur export).")
  Path out;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the series and its k-step-ahead predictions.")
  Path plot;

  @Option(names = "--plot-horizons", defaultValue = "1,4,16,64", split = ",", paramLabel = "K",
      description = "The k of the plotted k-step curves, each capped at --horizon (default: ${DEFAULT-VALUE}).")
  List<Integer> plotHorizons;

  @Mixin
  SeriesTraining training;

  @Mixin
  BackendOptions backendOptions;

  @Override
  public Integer call() {
    checkOptions();
    Injector injector = backendOptions.injector();
    boolean saved = !NEW_MODELS.contains(model) && looksLikePath(model);
    LoadedModel loaded = saved ? injector.getInstance(ModelLoader.class).load(Path.of(model)) : null;
    try {
      int order = loaded != null ? modelTau(loaded.series()) : tau == null ? SeriesTraining.DEFAULT_TAU : tau;
      int d = loaded != null ? loaded.series().differences() : difference ? 1 : 0;
      SeriesSource source = load(order + d);
      int n = source.trainLength();
      double[] x = source.series().values();
      checkData(source, order, d, saved);
      double maseScale = Metrics.maseScale(source.train(), season == null ? 1 : season);
      if (source.interpolated() > 0) {
        spec.commandLine().getErr().println("recur: " + series + ": filled " + source.interpolated()
            + " missing values by linear interpolation (--missing error refuses them)");
      }
      if (loaded != null) {
        return report(source, loaded.spec(), loaded.series(), loaded.model(), "loaded", null, maseScale, x, n);
      }
      double[] modelled = d == 0 ? x : differences(x);
      Scaler scaler = Scaler.fit(Arrays.copyOf(modelled, n - d));
      SeriesData data = new SeriesData(order, List.of(source.series().name()), new double[] {scaler.mean()},
          new double[] {scaler.std()}, d);
      Backend backend = injector.getInstance(BackendSelector.class).select();
      SeriesTraining.Fitted fitted = training.fit(spec, model, fit, data, scaler.transform(modelled), n - d, backend,
          injector.getInstance(CellRegistry.class), out, source.series().name());
      try (InferenceModel inference = backend.openInference(fitted.spec(), fitted.params())) {
        return report(source, fitted.spec(), data, inference, fitted.how(), fitted, maseScale, x, n);
      }
    } finally {
      if (loaded != null) {
        loaded.close();
      }
    }
  }

  /** {@code x_{t+1} − x_t} for t = 0 … T−2. */
  private static double[] differences(double[] x) {
    double[] d = new double[x.length - 1];
    for (int t = 0; t < d.length; t++) {
      d[t] = x[t + 1] - x[t];
    }
    return d;
  }

  private int report(SeriesSource source, ModelSpec modelSpec, SeriesData data, InferenceModel inference, String how,
      SeriesTraining.Fitted fitted, double maseScale, double[] x, int n) {
    long start = System.nanoTime();
    Forecast forecast = Forecasts.run(x, n, horizon, new ModelPredictor(inference, data, horizon));
    double forecastSeconds = (System.nanoTime() - start) / 1e9;
    if (plot != null) {
      List<Integer> ks = new TreeSet<>(plotHorizons.stream().map(k -> Math.min(k, horizon)).toList()).stream().toList();
      int longest = ks.get(ks.size() - 1);
      Forecast all = Forecasts.run(x, data.tau() + data.differences(), longest, new ModelPredictor(inference, data, longest));
      String title = source.series().name() + ": " + ForecastReport.describe(modelSpec, data) + ", k-step-ahead predictions";
      ForecastPlot.write(plot, ForecastPlot.chart(title, x, TimeAxis.of(source.series().labels(), x.length), n, all, ks));
    }
    ForecastReport report = new ForecastReport(source, modelSpec, data, ForecastScores.of(forecast, maseScale),
        ForecastScores.of(Forecasts.run(x, n, horizon, Baselines.naive()), maseScale),
        season == null ? null : ForecastScores.of(Forecasts.run(x, n, horizon, Baselines.seasonalNaive(season)), maseScale));
    JsonObject extra = new JsonObject();
    if (fitted != null) {
      fitted.addTo(extra);
    }
    extra.addProperty("forecast_seconds", forecastSeconds);
    extra.addProperty("backend", inference.backend());
    extra.addProperty("out", out == null ? null : out.toString());
    extra.addProperty("plot", plot == null ? null : plot.toString());
    JsonObject o = report.json(how, season, extra);
    PrintWriter stdout = spec.commandLine().getOut();
    if (!json.enabled()) {
      TreeSet<Integer> ks = new TreeSet<>(List.of(1, horizon));
      plotHorizons.stream().filter(k -> k <= horizon).forEach(ks::add);
      if (season != null && season <= horizon) {
        ks.add(season);
      }
      report.table(stdout, ks);
      o.remove("horizons");
      o.remove("baselines");
    }
    json.print(stdout, o);
    return 0;
  }

  /** @param reach the values one model window spans: the file needs one more */
  private SeriesSource load(int reach) {
    OptionalDouble heldOut = valFraction == null ? OptionalDouble.empty() : OptionalDouble.of(valFraction);
    if (series.equals(SeriesSource.SINE)) {
      if (column != null) {
        throw new InvalidInputException("--column picks a CSV column; the sine has one series; drop --column");
      }
      return SeriesSource.sine(training.seed, heldOut);
    }
    return SeriesSource.csv(Path.of(series), column, MissingValues.of(missing), reach + 1, heldOut);
  }

  private int modelTau(SeriesData data) {
    if (tau != null && tau != data.tau()) {
      throw new InvalidInputException("--tau " + tau + " differs from the saved model's tau " + data.tau()
          + "; drop --tau (a saved model reads as many values as it was trained on)");
    }
    if (data.variables() != 1) {
      throw new InvalidInputException(model + " reads " + data.columns() + "; forecast reads one column; pass a univariate model");
    }
    return data.tau();
  }

  private void checkOptions() {
    if (horizon <= 0) {
      throw new InvalidInputException("horizon must be > 0 (got " + horizon + "); pass --horizon K with K >= 1");
    }
    if (tau != null && tau <= 0) {
      throw new InvalidInputException("tau must be > 0 (got " + tau + "); pass --tau N with N >= 1");
    }
    if (season != null && season <= 0) {
      throw new InvalidInputException("season must be > 0 (got " + season + "); pass --season S with S >= 1");
    }
    if (plotHorizons.stream().anyMatch(k -> k <= 0)) {
      throw new InvalidInputException("plot horizons must be > 0 (got " + plotHorizons + "); pass --plot-horizons 1,4,16,64");
    }
    if (!fit.equals("closed") && !fit.equals("sgd")) {
      throw new InvalidInputException("unknown fit '" + fit + "'; available: [closed, sgd]; pass --fit closed or --fit sgd");
    }
    MissingValues.of(missing);
    if (out != null) {
      OutputPaths.directory("--out", out);
    }
    if (plot != null) {
      OutputPaths.file("--plot", plot);
    }
  }

  /** Refuses data a model of order τ cannot be fitted to or scored on, before anything is trained or written. */
  private void checkData(SeriesSource source, int order, int d, boolean saved) {
    int n = source.trainLength();
    int heldOut = source.series().length() - n;
    int needed = order + d + (saved ? 0 : 2);
    if (n < needed) {
      throw new InvalidInputException("the training part has " + n + " values but a model of tau " + order
          + (d > 0 ? " on differences" : "") + " needs at least " + needed + "; pass a smaller --tau or a smaller --val-fraction");
    }
    if (horizon > heldOut) {
      throw new InvalidInputException("horizon " + horizon + " is longer than the " + heldOut
          + " held-out values; pass --horizon K with K <= " + heldOut + " or a larger --val-fraction");
    }
    if (saved) {
      if (out != null) {
        throw new InvalidInputException("--out saves a model fitted here; " + model + " is saved already; drop --out");
      }
      var parsed = spec.commandLine().getParseResult();
      for (String o : Stream.concat(SeriesTraining.OPTIONS.stream(), Stream.of("--fit", "--difference")).toList()) {
        if (parsed.hasMatchedOption(o)) {
          throw new InvalidInputException(o + " configures a model fitted here; " + model + " is used as saved; drop " + o);
        }
      }
    }
  }

  private static boolean looksLikePath(String model) {
    return model.contains("/") || model.contains(File.separator) || model.toLowerCase(Locale.ROOT).endsWith(".onnx")
        || Files.exists(Path.of(model));
  }
}
