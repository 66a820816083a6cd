package io.recur.cli;

import com.google.gson.JsonObject;
import com.google.inject.Injector;
import io.recur.core.InvalidInputException;
import io.recur.core.backend.Backend;
import io.recur.core.backend.BackendSelector;
import io.recur.core.backend.Capability;
import io.recur.core.cell.CellOptions;
import io.recur.core.cell.CellRegistry;
import io.recur.core.cell.LstmCell;
import io.recur.core.checkpoint.Checkpoint;
import io.recur.core.checkpoint.CheckpointStore;
import io.recur.core.checkpoint.TrainingJob;
import io.recur.core.config.ConfigLoader;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.SequenceModel;
import io.recur.core.ops.Initializers;
import io.recur.core.sequence.Sequence;
import io.recur.core.sequence.TextData;
import io.recur.core.train.EpochReport;
import io.recur.core.train.MetricsLog;
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingData;
import io.recur.core.train.TrainingDivergedException;
import io.recur.core.train.TrainingListener;
import io.recur.core.train.TrainingLoop;
import io.recur.core.train.TrainingRun;
import io.recur.core.train.TrainingResult;
import io.recur.data.corpus.Corpora;
import io.recur.data.corpus.TokenizedCorpus;
import io.recur.data.partition.Partitioners;
import io.recur.data.partition.SequentialPartitioner;
import io.recur.examples.listeners.PerplexityPlot;
import io.recur.examples.listeners.ProgressListener;
import io.recur.core.checkpoint.Provenance;
import io.recur.core.config.FusedMode;
import io.recur.core.config.RecurConfig;
import io.recur.core.model.ModelSize;
import io.recur.core.optim.Optimizer;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code recur train}: trains a language model and writes a checkpoint after every epoch. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train a recurrent language model; writes a checkpoint to --out after every epoch.")
final class TrainCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  JsonOutput json;

  @Mixin
  CorpusOptions corpus;

  @Mixin
  BackendOptions backendOptions;

  @Mixin
  SparkOptions sparkOptions;

  @Option(names = "--cell", defaultValue = "lstm", description = "rnn, rnn-relu, lstm, gru, a registered name (mgu, indrnn, …), "
      + "or a cell class name on --classpath (default: ${DEFAULT-VALUE}).")
  String cell;

  @Option(names = "--cell-opt", paramLabel = "KEY=VALUE", description = "One of the cell's own options, repeatable "
      + "(forget_bias=1 for lstm; also cell_opt.KEY = VALUE in --config); saved with the model.")
  List<String> cellOpts = new ArrayList<>();

  @Option(names = "--layers", defaultValue = "1", description = "Recurrent layers (default: ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--hidden", defaultValue = "256", description = "Hidden units per layer (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--embed", defaultValue = "0", description = "Embedding width; 0 = one-hot input (default: ${DEFAULT-VALUE}).")
  int embed;

  @Option(names = "--tied", description = "Use the embedding as the output projection's weight (needs --embed equal to --hidden).")
  boolean tied;

  @Option(names = "--dropout", defaultValue = "0", description = "Dropout on the embedding, between layers and before the projection (default: ${DEFAULT-VALUE}).")
  double dropout;

  @Option(names = "--forget-bias", defaultValue = "0", description = "Initial LSTM forget-gate bias (default: ${DEFAULT-VALUE}).")
  float forgetBias;

  @Option(names = "--batch", defaultValue = "32", description = "Rows per minibatch (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--steps", defaultValue = "35", description = "Time steps per minibatch (truncated BPTT length; default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--partition", defaultValue = "sequential", description = {
      "How an epoch is cut into minibatches (default: ${DEFAULT-VALUE}):",
      "  sequential  d2l: a random offset per epoch, B rows of consecutive windows; state carried from batch to batch.",
      "  random      d2l: shuffled windows from a random offset; every batch starts from zero state.",
      "  offsets     Chainer RNNLM: row b starts at b*L/B and wraps around; state carried, reset each epoch.",
      "  batchify    PyTorch word_language_model: B columns of L/B tokens, a shorter last batch; state carried, reset each epoch."})
  String partition;

  @Option(names = "--epochs", defaultValue = "20", description = "Total epochs (with --resume: the new total; default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd or adam (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--lr", defaultValue = "1", description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(names = "--clip", defaultValue = "1", description = "Global gradient-norm clipping threshold; 0 = off (default: ${DEFAULT-VALUE}).")
  double clip;

  @Option(names = "--lr-decay", defaultValue = "1", description = "Multiply the learning rate by F after every epoch past --decay-after (default: ${DEFAULT-VALUE}).")
  double lrDecay;

  @Option(names = "--decay-after", defaultValue = "0", description = "Epochs at the full learning rate before --lr-decay applies (default: ${DEFAULT-VALUE}).")
  int decayAfter;

  @Option(names = "--init", defaultValue = "xavier", description = "normal (σ 0.01), xavier (±1/√fan_in) or uniform (±0.1) (default: ${DEFAULT-VALUE}).")
  String init;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of all randomness (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Checkpoint directory, written after every epoch (with --resume: defaults to the resumed one).")
  Path out;

  @Option(names = "--resume", paramLabel = "DIR", description = "Continue training the checkpoint in DIR up to --epochs.")
  Path resume;

  @Option(names = "--val-corpus", paramLabel = "PATH", description = "Validate on this file instead of a held-out fraction.")
  String valCorpus;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Write the perplexity curve as a PNG after every epoch.")
  Path plot;

  @Option(names = "--metrics", paramLabel = "FILE", description = "Append one JSON line per epoch to FILE.")
  Path metrics;

  @Override
  public Integer call() throws IOException {
    if (!Float.isFinite(forgetBias)) {
      throw new InvalidInputException("forget-bias must be a finite number (got " + forgetBias + "); pass --forget-bias B, e.g. 1");
    }
    TrainingConfig given = new TrainingConfig(epochs, batch, steps, partition, optimizer, lr, clip, lrDecay, decayAfter,
        Initializers.Scheme.parse(init), seed);
    Path outDir = out != null ? out : resume;
    if (outDir != null) {
      OutputPaths.directory("--out", outDir);
    }
    if (plot != null) {
      OutputPaths.file("--plot", plot);
    }
    if (metrics != null) {
      OutputPaths.file("--metrics", metrics);
    }
    Checkpoint resumed = resume == null ? null : CheckpointStore.read(resume);
    PrintWriter err = spec.commandLine().getErr();
    RecurConfig runConfig = resumed == null ? backendOptions.config() : settings(resumed, err);
    TokenizedCorpus text = corpus.load(resumed == null ? corpus.textSpec() : textSpec(resumed.text().text()));
    TextData textData = new TextData(text.spec(), text.vocab());
    Injector injector = backendOptions.injector(runConfig);
    CellRegistry cells = injector.getInstance(CellRegistry.class);
    ModelSpec modelSpec = ModelSpec.builder().cell(cell).vocabSize(text.vocab().size()).embed(embed).hidden(hidden)
        .layers(layers).dropout(dropout).tied(tied).cellOptions(cellOptions()).build();
    TrainingJob job;
    if (resumed != null) {
      ModelSpec wanted = merged(resumed.spec(), modelSpec);
      resumed.checkResumable(wanted, textData);
      TrainingConfig config = merged(resumed.training() == null ? given : resumed.training(), given);
      ModelSize.of(wanted, cells, config.batchSize(), config.steps()).checkTrainable(Optimizer.named(config.optimizer())
          .slots().size(), Runtime.getRuntime().maxMemory());
      job = TrainingJob.resume(resume, resumed, wanted, config);
    } else {
      ModelSize.of(modelSpec, cells, batch, steps).checkTrainable(Optimizer.named(optimizer).slots().size(),
          Runtime.getRuntime().maxMemory());
      job = TrainingJob.start(SequenceModel.of(modelSpec, cells), textData, given);
    }
    job.checkpointTo(outDir).fusedMode(runConfig.fused().name().toLowerCase(Locale.ROOT));
    TrainingData data = data(text, job.config(), err);

    Backend backend = injector.getInstance(BackendSelector.class).select();
    if (!backend.capabilities().contains(Capability.TRAIN)) {
      throw new InvalidInputException("backend '" + backend.name() + "' cannot train; train with --backend "
          + injector.getInstance(BackendSelector.class).withCapability(Capability.TRAIN) + ", then export");
    }
    TrainingLoop loop = sparkOptions.loop(runConfig);
    ModelSpec trained = job.spec();
    String start = "recur: training " + trained.cell() + " (" + job.initial().count() + " parameters) on " + text.source()
        + " (" + data.train().length() + " training tokens) with " + backend.describe() + sparkOptions.describe();
    job.listen(new TrainingListener() {
      @Override
      public void onTrainingBegin(TrainingRun run) {
        err.println(start);
      }
    });
    job.listen(ProgressListener.toStandardError());
    if (metrics != null) {
      job.listen(new MetricsLog(metrics));
    }
    if (plot != null) {
      job.listen(new PerplexityPlot(plot, trained.cell() + ", hidden " + trained.hidden() + ", " + text.source()));
    }
    TrainingResult result;
    try (Interruption interruption = Interruption.onSignals()) {
      job.listen(interruption);
      try {
        result = job.run(backend, data, loop);
      } catch (TrainingDivergedException e) {
        throw new InvalidInputException(e.getMessage() + "; " + kept(job.out(), e.epoch() - 1, resume, job.epochsDone()), e);
      } catch (Interruption.Stopped e) {
        err.println("recur: " + e.getMessage() + "; the unfinished epoch " + e.epoch() + " was abandoned; "
            + kept(job.out(), e.epoch() - 1, resume, job.epochsDone()));
        return e.exitStatus();
      }
    }
    JsonObject report = report(backend, trained, result, job.out());
    sparkOptions.report(report);
    json.print(spec.commandLine().getOut(), report);
    return 0;
  }

  /** Whether the user gave {@code option} on the command line. */
  private boolean given(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  /** The resumed model's text spec, unless {@code --tokenizer}/{@code --preprocess} say otherwise (then refused as a mismatch). */
  private TextSpec textSpec(TextSpec saved) {
    TextSpec asked = corpus.textSpec();
    return new TextSpec(given("--preprocess") ? asked.preprocess() : saved.preprocess(),
        given("--tokenizer") ? asked.tokenizer() : saved.tokenizer());
  }

  /**
   * The run configuration of a resumed run: the checkpoint's backend, threads and fused mode (what
   * its numbers depend on) unless given on the command line, with a note when they differ.
   */
  private RecurConfig settings(Checkpoint c, PrintWriter err) {
    RecurConfig rc = backendOptions.config();
    Provenance p = c.provenance();
    if (!given("--backend")) {
      rc = rc.withBackend(p.backend());
    } else if (!rc.backend().equals(p.backend())) {
      departs(err, "on backend " + p.backend(), "--backend " + rc.backend());
    }
    if (!p.recordsSettings()) {
      return rc;
    }
    int cores = Runtime.getRuntime().availableProcessors();
    if (!given("--threads") && p.threads() <= cores) {
      rc = rc.withThreads(p.threads());
    } else if (rc.threads() != p.threads()) {
      departs(err, "with --threads " + p.threads(), rc.threads() == 0 ? "the backend's choice" : String.valueOf(rc.threads()));
    }
    FusedMode savedFused = FusedMode.parse(p.fused());
    if (!given("--fused")) {
      rc = rc.withFused(savedFused);
    } else if (rc.fused() != savedFused) {
      departs(err, "with --fused " + p.fused(), "--fused " + rc.fused().name().toLowerCase(Locale.ROOT));
    }
    return rc;
  }

  /** The note that a resumed run departs from a setting its checkpoint was trained with. */
  private static void departs(PrintWriter err, String trained, String used) {
    err.println("recur: note: the checkpoint was trained " + trained + ", this run uses " + used
        + "; it will not repeat the uninterrupted run bit for bit");
  }

  /**
   * What a diverged run left on disk: the checkpoint of the last good epoch in {@code outDir} if this
   * run finished one, else the resumed checkpoint (untouched), else nothing.
   */
  static String kept(Path outDir, int lastGoodEpoch, Path resumedFrom, int resumedEpochs) {
    if (outDir != null && lastGoodEpoch > resumedEpochs) {
      return outDir + " keeps the checkpoint of epoch " + lastGoodEpoch + ", the last good one";
    }
    if (resumedFrom != null) {
      return resumedFrom + " still holds epoch " + resumedEpochs;
    }
    return outDir == null ? "nothing was saved (no --out)" : "no epoch finished, so nothing was saved";
  }

  /** The config file's cell options, then {@code --cell-opt}, then {@code --forget-bias} (the LSTM's own flag). */
  private CellOptions cellOptions() {
    CellOptions flags = CellOptions.parse(cellOpts);
    Map<String, String> m = new TreeMap<>(ConfigLoader.cellOptions(backendOptions.config).values());
    m.putAll(flags.values());
    if (given("--forget-bias")) {
      if (flags.values().containsKey(LstmCell.FORGET_BIAS)) {
        throw new InvalidInputException("--forget-bias and --cell-opt forget_bias both set the forget bias; pass one");
      }
      m.put(LstmCell.FORGET_BIAS, Float.toString(forgetBias));
    }
    return new CellOptions(m);
  }

  /** The checkpoint's architecture, with the options the user gave explicitly on top (so a mismatch is reported). */
  private ModelSpec merged(ModelSpec saved, ModelSpec wanted) {
    ModelSpec.Builder b = saved.toBuilder();
    if (given("--cell")) {
      b.cell(wanted.cell());
    }
    if (given("--hidden")) {
      b.hidden(wanted.hidden());
    }
    if (given("--layers")) {
      b.layers(wanted.layers());
    }
    if (given("--embed")) {
      b.embed(wanted.embed());
    }
    if (given("--dropout")) {
      b.dropout(wanted.dropout());
    }
    if (given("--tied")) {
      b.tied(wanted.tied());
    }
    if (given("--cell-opt") || given("--forget-bias")) {
      Map<String, String> options = new TreeMap<>(saved.cellOptions().values());
      options.putAll(wanted.cellOptions().values());
      b.cellOptions(new CellOptions(options));
    }
    return b.vocabSize(wanted.vocabSize()).build();
  }

  /**
   * The checkpoint's training configuration with every option the user gave on top: the schedule,
   * batch and partition apply; another optimizer, seed or initialisation is refused by
   * {@link TrainingJob#resume(Path, Checkpoint, ModelSpec, TrainingConfig)}.
   */
  private TrainingConfig merged(TrainingConfig saved, TrainingConfig wanted) {
    return new TrainingConfig(wanted.epochs(), given("--batch") ? wanted.batchSize() : saved.batchSize(),
        given("--steps") ? wanted.steps() : saved.steps(), given("--partition") ? wanted.partition() : saved.partition(),
        given("--optimizer") ? wanted.optimizer() : saved.optimizer(),
        given("--lr") ? wanted.learningRate() : saved.learningRate(), given("--clip") ? wanted.clip() : saved.clip(),
        given("--lr-decay") ? wanted.lrDecay() : saved.lrDecay(),
        given("--decay-after") ? wanted.decayAfter() : saved.decayAfter(), given("--init") ? wanted.init() : saved.init(),
        given("--seed") ? wanted.seed() : saved.seed());
  }

  private TrainingData data(TokenizedCorpus text, TrainingConfig config, PrintWriter err) {
    Sequence train;
    Optional<Sequence> validation;
    if (valCorpus != null) {
      train = text.ids();
      Sequence val = text.encode(Corpora.load(valCorpus, "--val-corpus"));
      long unknown = java.util.Arrays.stream(val.toArray()).filter(id -> id == text.vocab().unknownIndex()).count();
      if (unknown * 2 > val.length()) {
        err.println("recur: warning: " + unknown + " of the " + val.length() + " tokens of --val-corpus " + valCorpus
            + " are not in the training vocabulary and read as " + Vocab.UNK + "; its perplexity says little");
      }
      validation = Optional.of(val);
    } else {
      Sequence[] parts = corpus.split(text);
      train = parts[0];
      validation = parts[1].length() > 1 ? Optional.of(parts[1]) : Optional.empty();
    }
    return TrainingData.text(train, validation, Partitioners.byName(config.partition()), SequentialPartitioner.evaluation());
  }

  private static JsonObject report(Backend backend, ModelSpec modelSpec, TrainingResult result, Path outDir) {
    EpochReport last = result.last();
    JsonObject o = new JsonObject();
    o.addProperty("backend", backend.name());
    o.addProperty("cell", modelSpec.cell());
    o.addProperty("epochs", last.epoch());
    o.addProperty("train_ppl", last.trainMetric());
    if (Double.isNaN(last.validationLoss())) {
      o.add("val_ppl", com.google.gson.JsonNull.INSTANCE);
    } else {
      o.addProperty("val_ppl", last.validationMetric());
    }
    o.addProperty("tokens_per_s", result.throughput());
    o.addProperty("seconds", result.seconds());
    o.addProperty("out", outDir == null ? null : outDir.toString());
    o.addProperty("threads", backend.threads());
    o.addProperty("compute", backend.describe());
    return o;
  }
}
