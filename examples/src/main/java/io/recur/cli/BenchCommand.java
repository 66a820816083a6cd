package io.recur.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.inject.Injector;
import io.recur.bench.BenchResult;
import io.recur.bench.Comparison;
import io.recur.bench.CpuModel;
import io.recur.bench.FlopCount;
import io.recur.bench.RecurBench;
import io.recur.bench.SgemmPeak;
import io.recur.bench.TimedLoop;
import io.recur.bench.TorchPeer;
import io.recur.bench.Workload;
import io.recur.core.InvalidInputException;
import io.recur.core.backend.Backend;
import io.recur.core.backend.BackendSelector;
import io.recur.core.cell.CellRegistry;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ParameterSet;
import io.recur.core.ops.Initializers;
import io.recur.core.sequence.TextSpec;
import io.recur.data.corpus.Corpora;
import io.recur.data.corpus.TokenizedCorpus;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recur bench}: training and scoring tokens per second and greedy generation milliseconds
 * per token of a character language model on the bundled Time Machine text, optionally side by
 * side with the PyTorch peer in the same run. The measurement itself lives in
 * {@link io.recur.bench}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Measure training tokens/s, scoring tokens/s and greedy generation ms/token on the bundled Time Machine"
        + " text (defaults: the reference workload, an LSTM of 256 with one-hot input, batch 32 x 35, SGD lr 1, clip 1).",
        "Each measurement warms up for at least 30 steps and --warmup seconds, then runs for at least --seconds."
            + " With --peer torch, PyTorch runs the same workload in alternation (Recur, PyTorch, ...) for --rounds rounds;"
            + " medians and ratios (Recur's speed over PyTorch's) are reported."})
final class BenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  JsonOutput json;

  @Mixin
  BackendOptions backendOptions;

  @Option(names = "--cell", paramLabel = "NAME", defaultValue = "lstm",
      description = "rnn, rnn-relu, lstm, gru, or a cell class name (default: ${DEFAULT-VALUE}).")
  String cell;

  @Option(names = "--hidden", paramLabel = "H", defaultValue = "256",
      description = "Hidden units per layer (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--layers", paramLabel = "N", defaultValue = "1", description = "Recurrent layers (default: ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--embed", paramLabel = "E", defaultValue = "0",
      description = "Embedding width; 0 = one-hot input (default: ${DEFAULT-VALUE}).")
  int embed;

  @Option(names = "--batch", paramLabel = "B", defaultValue = "32",
      description = "Rows per minibatch (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--steps", paramLabel = "T", defaultValue = "35",
      description = "Time steps per minibatch (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--seconds", defaultValue = "10", paramLabel = "S",
      description = "Timed seconds of training and of scoring, after the warm-up (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--warmup", defaultValue = "3", paramLabel = "S",
      description = "Warm-up seconds before each timed part, and at least 30 steps"
          + " (default: ${DEFAULT-VALUE}, the PyTorch peer's training warm-up).")
  double warmup;

  @Option(names = "--rounds", defaultValue = "1", paramLabel = "R",
      description = "Measure R times (alternating with the peer) and report medians (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--peak",
      description = "Also measure this machine's float32 GEMM peak (OpenBLAS) and report the fraction reached.")
  boolean peak;

  @Option(names = "--peer", paramLabel = "torch", description = "Run the PyTorch peer on the same workload in the same run.")
  String peer;

  @Option(names = "--shared", paramLabel = "DIR",
      description = "The shared directory holding bench/peers/torch_charlm.py (default: ../shared next to the repository).")
  Path shared;

  @Option(names = "--python", paramLabel = "PATH", defaultValue = "/usr/bin/python3",
      description = "The Python interpreter with PyTorch for --peer (default: ${DEFAULT-VALUE}).")
  Path python;

  @Override
  public Integer call() throws IOException {
    Workload workload = new Workload(cell, hidden, layers, embed, batch, steps);
    TimedLoop loop = new TimedLoop(30, warmup, seconds);
    if (rounds <= 0) {
      throw new InvalidInputException("rounds must be > 0 (got " + rounds + "); pass --rounds R");
    }
    Optional<TorchPeer> torch = peer(workload);
    Injector injector = backendOptions.injector();
    Backend backend = injector.getInstance(BackendSelector.class).select();
    TokenizedCorpus corpus = TokenizedCorpus.load("timemachine", TextSpec.defaults(), 0);
    LanguageModel model = new LanguageModel(workload.spec(corpus.vocab().size()), injector.getInstance(CellRegistry.class));
    ParameterSet initial = model.initialize(Initializers.Scheme.XAVIER, 0);
    PrintWriter err = spec.commandLine().getErr();
    String cpu = CpuModel.describe();
    err.println("recur bench: " + workload.describe() + " on " + backend.describe() + "; " + cpu);
    OptionalDouble peakGflops = OptionalDouble.empty();
    if (peak) {
      peakGflops = OptionalDouble.of(SgemmPeak.gflops(backend.threads(), 2.0));
      err.printf("recur bench: sgemm peak %.1f GFLOP/s on %d thread(s)%n", peakGflops.getAsDouble(), backend.threads());
    }
    RecurBench bench = new RecurBench(workload, corpus.ids(), corpus.encode(RecurBench.PREFIX).toArray(), loop, loop);
    IntFunction<BenchResult> recur = round -> {
      BenchResult r = bench.run(backend, model.spec(), initial);
      err.println("recur bench: round " + round + "/" + rounds + ", recur: " + r);
      return r;
    };
    Path text = torch.isPresent() ? Files.createTempFile("recur-timemachine", ".txt") : null;
    try {
      if (text != null) {
        Files.writeString(text, Corpora.load("timemachine"), StandardCharsets.UTF_8);
      }
      Optional<IntFunction<BenchResult>> other = torch.map(p -> round -> {
        BenchResult r = p.run(text, cell, backend.threads(), seconds, line -> err.println("  torch: " + line));
        err.println("recur bench: round " + round + "/" + rounds + ", torch: " + r);
        return r;
      });
      Comparison comparison = Comparison.interleave(rounds, recur, other);
      json.print(spec.commandLine().getOut(), report(backend, cpu, workload, model, peakGflops, comparison));
    } finally {
      if (text != null) {
        Files.deleteIfExists(text);
      }
    }
    return 0;
  }

  /** The peer, checked before anything is measured: known name, its workload, script, interpreter and torch. */
  private Optional<TorchPeer> peer(Workload workload) {
    if (peer == null) {
      return Optional.empty();
    }
    if (!peer.equals("torch")) {
      throw new InvalidInputException("unknown peer '" + peer + "'; available: [torch]; set --peer");
    }
    TorchPeer.checkWorkload(workload);
    TorchPeer p = TorchPeer.locate(python, shared != null ? shared : defaultShared());
    p.checkTorch();
    return Optional.of(p);
  }

  /** {@code shared} next to the repository this command was built in, else {@code ../shared}. */
  private static Path defaultShared() {
    CodeSource code = BenchCommand.class.getProtectionDomain().getCodeSource();
    if (code != null && code.getLocation().getProtocol().equals("file")) {
      for (Path dir = Path.of(URI.create(code.getLocation().toString())); dir != null; dir = dir.getParent()) {
        if (Files.isRegularFile(dir.resolve("examples").resolve("pom.xml"))) {
          return dir.resolveSibling("shared");
        }
      }
    }
    return Path.of("..", "shared");
  }

  private JsonObject report(Backend backend, String cpu, Workload workload, LanguageModel model, OptionalDouble peakGflops,
      Comparison comparison) {
    BenchResult recur = comparison.recurMedian();
    long trainFlops = FlopCount.trainingPerToken(model);
    long forwardFlops = FlopCount.forwardPerToken(model);
    JsonObject o = new JsonObject();
    o.addProperty("backend", backend.name());
    o.addProperty("compute", backend.describe());
    o.addProperty("threads", backend.threads());
    o.addProperty("cpu", cpu);
    o.addProperty("cell", workload.cell());
    o.addProperty("hidden", workload.hidden());
    o.addProperty("layers", workload.layers());
    o.addProperty("embed", workload.embed());
    o.addProperty("batch", workload.batch());
    o.addProperty("steps", workload.steps());
    o.addProperty("seconds", seconds);
    o.addProperty("rounds", rounds);
    addResult(o, "", recur);
    o.addProperty("flops_per_token", trainFlops);
    o.addProperty("forward_flops_per_token", forwardFlops);
    add(o, "peak_gflops", peakGflops);
    add(o, "fraction_of_peak", fraction(recur.trainTokensPerSecond(), trainFlops, peakGflops));
    add(o, "score_fraction_of_peak", fraction(OptionalDouble.of(recur.scoreTokensPerSecond()), forwardFlops, peakGflops));
    Optional<BenchResult> other = comparison.peerMedian();
    o.addProperty("peer", peer);
    if (other.isPresent()) {
      addResult(o, "peer_", other.get());
      add(o, "peer_fraction_of_peak", fraction(other.get().trainTokensPerSecond(), trainFlops, peakGflops));
      BenchResult.Speedup s = comparison.speedup().orElseThrow();
      add(o, "ratio_train", s.train());
      o.addProperty("ratio_score", s.score());
      o.addProperty("ratio_gen", s.generation());
    }
    o.add("per_round", perRound(comparison));
    return o;
  }

  private static JsonArray perRound(Comparison c) {
    JsonArray rounds = new JsonArray();
    for (int i = 0; i < c.recur().size(); i++) {
      JsonObject round = new JsonObject();
      round.add("recur", result(c.recur().get(i)));
      if (!c.peer().isEmpty()) {
        round.add("peer", result(c.peer().get(i)));
      }
      rounds.add(round);
    }
    return rounds;
  }

  private static JsonObject result(BenchResult r) {
    JsonObject o = new JsonObject();
    addResult(o, "", r);
    return o;
  }

  private static void addResult(JsonObject o, String prefix, BenchResult r) {
    add(o, prefix + "train_tokens_per_s", r.trainTokensPerSecond());
    o.addProperty(prefix + "score_tokens_per_s", r.scoreTokensPerSecond());
    o.addProperty(prefix + "gen_ms_per_token", r.generationMsPerToken());
  }

  private static OptionalDouble fraction(OptionalDouble tokensPerSecond, long flopsPerToken, OptionalDouble peakGflops) {
    if (tokensPerSecond.isEmpty() || peakGflops.isEmpty()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(tokensPerSecond.getAsDouble() * flopsPerToken / (peakGflops.getAsDouble() * 1e9));
  }

  private static void add(JsonObject o, String key, OptionalDouble v) {
    if (v.isPresent()) {
      o.addProperty(key, v.getAsDouble());
    } else {
      o.add(key, JsonNull.INSTANCE);
    }
  }
}
