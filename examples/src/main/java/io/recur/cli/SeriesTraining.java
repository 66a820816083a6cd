package io.recur.cli;

import com.google.gson.JsonObject;
import io.recur.core.InvalidInputException;
import io.recur.core.backend.Backend;
import io.recur.core.backend.Capability;
import io.recur.core.cell.CellRegistry;
import io.recur.core.checkpoint.Checkpoint;
import io.recur.core.checkpoint.CheckpointStore;
import io.recur.core.checkpoint.OutputLock;
import io.recur.core.checkpoint.Provenance;
import io.recur.core.checkpoint.TrainingJob;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.model.SequenceModel;
import io.recur.core.ops.Initializers;
import io.recur.core.optim.OptimizerState;
import io.recur.core.sequence.SeriesData;
import io.recur.core.sequence.SeriesStream;
import io.recur.core.train.EpochReport;
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingData;
import io.recur.core.train.TrainingDivergedException;
import io.recur.core.train.TrainingListener;
import io.recur.core.train.TrainingResult;
import io.recur.core.train.TrainingRun;
import io.recur.data.partition.Partitioners;
import io.recur.examples.forecast.ClosedFormLinear;
import io.recur.examples.listeners.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * How {@code recur forecast} fits a new model, and the options for it: the linear model in closed
 * form, or any series model (the linear one with {@code --fit sgd}, a recurrent regressor of any
 * cell) trained by core's trainer through a {@link TrainingJob} on the standardised training part —
 * sequential windows with state carried, the held-out part scored after every epoch, a checkpoint
 * after every epoch with {@code --out}, progress as {@code recur train} shows it.
 */
final class SeriesTraining {
  static final int DEFAULT_TAU = 4;
  /** The options that configure training, refused where nothing is trained. */
  static final List<String> OPTIONS = List.of("--epochs", "--hidden", "--layers", "--dropout", "--lr", "--optimizer", "--batch",
      "--steps", "--clip");

  @Option(names = "--epochs", defaultValue = "30", paramLabel = "N", description = "Training epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--hidden", defaultValue = "32", paramLabel = "H", description = "Hidden units per layer (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--layers", defaultValue = "1", paramLabel = "N", description = "Recurrent layers (default: ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--dropout", defaultValue = "0", paramLabel = "P", description = "Dropout between layers and before the head (default: ${DEFAULT-VALUE}).")
  double dropout;

  @Option(names = "--lr", defaultValue = "0.01", paramLabel = "LR", description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "sgd|adam", description = "Optimizer (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--batch", defaultValue = "8", paramLabel = "B", description = "Rows per minibatch (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--steps", defaultValue = "16", paramLabel = "T", description = "Windows per row of a minibatch (BPTT length; default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--clip", defaultValue = "1", paramLabel = "C", description = "Global gradient-norm clipping; 0 = off (default: ${DEFAULT-VALUE}).")
  double clip;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the sine's noise and of training (default: ${DEFAULT-VALUE}).")
  long seed;

  /** A fitted model: its spec, parameters, how it was fitted, and the training run if there was one. */
  record Fitted(ModelSpec spec, ParameterSet params, String how, TrainingResult result) {
    void addTo(JsonObject o) {
      o.addProperty("parameters", params.count());
      if (result != null) {
        EpochReport last = result.last();
        o.addProperty("epochs", last.epoch());
        o.addProperty("train_mse", last.trainMetric());
        o.addProperty("val_mse", Double.isNaN(last.validationLoss()) ? null : last.validationMetric());
        o.addProperty("seconds", result.seconds());
      }
    }
  }

  /**
   * Fits {@code model} to the training part.
   *
   * @param scaled the series the model reads (the values, or their differences), standardised by {@code data}; only its
   *     first {@code n} values are fitted to
   * @param out checkpoint directory, or {@code null}
   */
  Fitted fit(CommandSpec command, String model, String fit, SeriesData data, double[] scaled, int n, Backend backend,
      CellRegistry cells, Path out, String name) {
    var parsed = command.commandLine().getParseResult();
    PrintWriter err = command.commandLine().getErr();
    boolean linear = model.equals(ModelSpec.LINEAR);
    int tau = data.tau();
    if (linear) {
      for (String o : List.of("--hidden", "--layers", "--dropout")) {
        if (parsed.hasMatchedOption(o)) {
          throw new InvalidInputException("the linear model has no recurrent layers; drop " + o + " or pass --model gru (or lstm, rnn)");
        }
      }
    } else if (parsed.hasMatchedOption("--fit")) {
      throw new InvalidInputException("--fit chooses how the linear model is fitted; a " + model + " model is trained; drop --fit");
    }
    if (linear && fit.equals("closed")) {
      for (String o : OPTIONS) {
        if (parsed.hasMatchedOption(o)) {
          throw new InvalidInputException(o + " configures training, and the closed-form fit trains nothing; pass --fit sgd "
              + "to train the linear model, or drop " + o);
        }
      }
      ModelSpec spec = ClosedFormLinear.spec(tau);
      ParameterSet params = ClosedFormLinear.fit(Arrays.copyOf(scaled, n), tau);
      err.println("recur: fitted " + ForecastReport.describe(spec, data) + " by least squares on " + name + " (" + n
          + " training values)");
      if (out != null) {
        // no training configuration and no updates made: a model to use, not to resume
        save(out, new Checkpoint(spec, data, params, null, OptimizerState.fresh("sgd"), List.of(),
            Provenance.now("least-squares", "closed-form least squares (Householder QR, float64)")));
      }
      return new Fitted(spec, params, "closed-form", null);
    }
    ModelSpec spec = linear ? ClosedFormLinear.spec(tau)
        : ModelSpec.builder().cell(model).layers(layers).hidden(hidden).dropout(dropout).series(tau, 1).build();
    if (!backend.capabilities().contains(Capability.TRAIN)) {
      throw new InvalidInputException("backend '" + backend.name() + "' cannot train; fit with a backend that can "
          + "(--backend), save with --out, then forecast from the saved model anywhere");
    }
    TrainingConfig config = new TrainingConfig(epochs, batch, steps, "sequential", optimizer, lr, clip, 1.0, 0,
        Initializers.Scheme.XAVIER, seed);
    Final last = new Final();
    TrainingJob job = TrainingJob.start(SequenceModel.of(spec, cells), data, config).checkpointTo(out)
        .listen(ProgressListener.toStandardError()).listen(last);
    TrainingData windows = windows(scaled, n, tau);
    err.println("recur: training " + ForecastReport.describe(spec, data) + " (" + job.initial().count() + " parameters) on "
        + name + " (" + (n - tau) + " training windows) with " + backend.describe());
    try {
      TrainingResult result = job.run(backend, windows);
      return new Fitted(spec, last.params, "trained", result);
    } catch (TrainingDivergedException e) {
      throw new InvalidInputException(e.getMessage() + "; " + TrainCommand.kept(out, e.epoch() - 1, null, 0), e);
    }
  }

  /** Training windows from the first {@code n} values; held-out windows from {@code n − τ} on (their targets are held out). */
  private static TrainingData windows(double[] scaled, int n, int tau) {
    float[][] values = new float[scaled.length][1];
    for (int t = 0; t < scaled.length; t++) {
      values[t][0] = (float) scaled[t];
    }
    SeriesStream train = new SeriesStream(Arrays.copyOf(values, n), tau, Partitioners.byName("sequential"),
        Partitioners.evaluation());
    float[][] tail = Arrays.copyOfRange(values, n - tau, values.length);
    Optional<SeriesStream> validation = tail.length >= tau + 2
        ? Optional.of(new SeriesStream(tail, tau, Partitioners.evaluation(), Partitioners.evaluation()))
        : Optional.empty();
    return TrainingData.of(train, validation);
  }

  private static void save(Path dir, Checkpoint c) {
    try (OutputLock lock = OutputLock.acquire(dir)) {
      CheckpointStore.write(dir, c);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save checkpoint to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Keeps the parameters training ended with (the session closes when the job returns). */
  private static final class Final implements TrainingListener {
    ParameterSet params;

    @Override
    public void onTrainingEnd(TrainingRun run, TrainingResult result) {
      params = run.session().parameters();
    }
  }
}
