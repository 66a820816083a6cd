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
import java.util.Arrays;
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
 * per token of a language model — by default the character reference workload on the bundled
 * Time Machine, with {@code --tokenizer word} the "small" PTB word workload on {@code --corpus}
 * (the vocabulary is the corpus's) — optionally side by side with the PyTorch peer in the same
 * run. The measurement itself lives in {@link io.recur.bench}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Measure training tokens/s, scoring tokens/s and greedy generation ms/token of a language model."
        + " Characters (default): the reference workload on the bundled Time Machine text, an LSTM of 256 with one-hot"
        + " input, batch 32 x 35, sequential, SGD lr 1, clip 1. Words (--tokenizer word --preprocess none --corpus PATH):"
        + " two LSTM layers of 200, embedding 200, batch 20 x 20, batchify, SGD lr 1, clip 5 (torch_wordlm.py's defaults).",
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

  @Option(names = "--corpus", paramLabel = "NAME|PATH", defaultValue = "timemachine",
      description = "Bundled corpus (timemachine) or the path of a UTF-8 text file (default: ${DEFAULT-VALUE}).")
  String corpus;

  @Option(names = "--tokenizer", paramLabel = "char|word", defaultValue = "char",
      description = "Character or word tokens; word selects the word workload's defaults (default: ${DEFAULT-VALUE}).")
  String tokenizer;

  @Option(names = "--preprocess", paramLabel = "letters|none", defaultValue = "letters",
      description = "letters or none, as for recur train (default: ${DEFAULT-VALUE}).")
  String preprocess;

  @Option(names = "--cell", paramLabel = "NAME", defaultValue = "lstm",
      description = "rnn, rnn-relu, lstm, gru, or a cell class name (default: ${DEFAULT-VALUE}).")
  String cell;

  @Option(names = "--hidden", paramLabel = "H", description = "Hidden units per layer (default: 256; words: 200).")
  Integer hidden;

  @Option(names = "--layers", paramLabel = "N", description = "Recurrent layers (default: 1; words: 2).")
  Integer layers;

  @Option(names = "--embed", paramLabel = "E", description = "Embedding width; 0 = one-hot input (default: 0; words: 200).")
  Integer embed;

  @Option(names = "--batch", paramLabel = "B", description = "Rows per minibatch (default: 32; words: 20).")
  Integer batch;

  @Option(names = "--steps", paramLabel = "T", description = "Time steps per minibatch (default: 35; words: 20).")
  Integer steps;

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
      description = "The shared directory holding bench/peers/torch_charlm.py and torch_wordlm.py"
          + " (default: ../shared next to the repository).")
  Path shared;

  @Option(names = "--python", paramLabel = "PATH", defaultValue = "/usr/bin/python3",
      description = "The Python interpreter with PyTorch for --peer (default: ${DEFAULT-VALUE}).")
  Path python;

  @Override
  public Integer call() throws IOException {
    Workload workload = workload();
    TimedLoop loop = new TimedLoop(30, warmup, seconds);
    if (rounds <= 0) {
      throw new InvalidInputException("rounds must be > 0 (got " + rounds + "); pass --rounds R");
    }
    Optional<TorchPeer> torch = peer(workload);
    Injector injector = backendOptions.injector();
    Backend backend = injector.getInstance(BackendSelector.class).select();
    TokenizedCorpus text = TokenizedCorpus.load(corpus, new TextSpec(preprocess, tokenizer), 0);
    LanguageModel model = new LanguageModel(workload.spec(text.vocab().size()), injector.getInstance(CellRegistry.class));
    ParameterSet initial = model.initialize(workload.words() ? Initializers.Scheme.UNIFORM : Initializers.Scheme.XAVIER, 0);
    PrintWriter err = spec.commandLine().getErr();
    String cpu = CpuModel.describe();
    err.println("recur bench: " + workload.describe() + ", vocabulary " + text.vocab().size() + " on " + backend.describe()
        + "; " + cpu);
    OptionalDouble peakGflops = OptionalDouble.empty();
    if (peak) {
      peakGflops = OptionalDouble.of(SgemmPeak.gflops(backend.threads(), 2.0));
      err.printf("recur bench: sgemm peak %.1f GFLOP/s on %d thread(s)%n", peakGflops.getAsDouble(), backend.threads());
    }
    RecurBench bench = new RecurBench(workload, text.ids(), prefix(text), loop, loop);
    IntFunction<BenchResult> recur = round -> {
      BenchResult r = bench.run(backend, model.spec(), initial);
      err.println("recur bench: round " + round + "/" + rounds + ", recur: " + r);
      return r;
    };
    Path bundled = torch.isPresent() && corpus.equals("timemachine") ? Files.createTempFile("recur-timemachine", ".txt") : null;
    try {
      if (bundled != null) {
        Files.writeString(bundled, Corpora.load("timemachine"), StandardCharsets.UTF_8);
      }
      Path file = bundled != null ? bundled : Path.of(corpus);
      Optional<IntFunction<BenchResult>> other = torch.map(p -> round -> {
        BenchResult r = p.run(file, workload, backend.threads(), seconds, line -> err.println("  torch: " + line));
        err.println("recur bench: round " + round + "/" + rounds + ", torch: " + r);
        return r;
      });
      Comparison comparison = Comparison.interleave(rounds, recur, other);
      json.print(spec.commandLine().getOut(), report(backend, cpu, workload, text.vocab().size(), model, peakGflops, comparison));
    } finally {
      if (bundled != null) {
        Files.deleteIfExists(bundled);
      }
    }
    return 0;
  }

  /** The character or word workload's defaults, with the shape options given. */
  private Workload workload() {
    if (!tokenizer.equals("char") && !tokenizer.equals("word")) {
      throw new InvalidInputException("unknown tokenizer '" + tokenizer + "'; available: [char, word]; set --tokenizer");
    }
    boolean words = tokenizer.equals("word");
    Workload d = words ? Workload.wordReference() : Workload.reference(cell);
    return new Workload(cell, or(hidden, d.hidden()), or(layers, d.layers()), or(embed, d.embed()), or(batch, d.batch()),
        or(steps, d.steps()), words);
  }

  private static int or(Integer given, int otherwise) {
    return given != null ? given : otherwise;
  }

  /** Generation starts after "time traveller " on the Time Machine, else after the corpus's first ten tokens. */
  private int[] prefix(TokenizedCorpus text) {
    if (corpus.equals("timemachine") && tokenizer.equals("char")) {
      return text.encode(RecurBench.PREFIX).toArray();
    }
    int[] ids = text.ids().toArray();
    return Arrays.copyOf(ids, Math.min(10, ids.length));
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
    String peerPreprocess = workload.words() ? "none" : "letters";
    if (!preprocess.equals(peerPreprocess)) {
      throw new InvalidInputException("the PyTorch peer reads " + tokenizer + " tokens as --preprocess " + peerPreprocess
          + " does, not " + preprocess + "; pass --preprocess " + peerPreprocess + " or run without --peer");
    }
    TorchPeer p = TorchPeer.locate(python, shared != null ? shared : defaultShared(), workload.words());
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

  private JsonObject report(Backend backend, String cpu, Workload workload, int vocab, LanguageModel model,
      OptionalDouble peakGflops, Comparison comparison) {
    BenchResult recur = comparison.recurMedian();
    long trainFlops = FlopCount.trainingPerToken(model);
    long forwardFlops = FlopCount.forwardPerToken(model);
    JsonObject o = new JsonObject();
    o.addProperty("backend", backend.name());
    o.addProperty("compute", backend.describe());
    o.addProperty("threads", backend.threads());
    o.addProperty("cpu", cpu);
    o.addProperty("corpus", corpus);
    o.addProperty("tokenizer", tokenizer);
    o.addProperty("preprocess", preprocess);
    o.addProperty("vocab", vocab);
    o.addProperty("partition", workload.partition());
    o.addProperty("clip", workload.clip());
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
    add(o, "score_fraction_of_peak", fraction(recur.scoreTokensPerSecond(), forwardFlops, peakGflops));
    Optional<BenchResult> other = comparison.peerMedian();
    o.addProperty("peer", peer);
    if (other.isPresent()) {
      addResult(o, "peer_", other.get());
      add(o, "peer_fraction_of_peak", fraction(other.get().trainTokensPerSecond(), trainFlops, peakGflops));
      BenchResult.Speedup s = comparison.speedup().orElseThrow();
      add(o, "ratio_train", s.train());
      add(o, "ratio_score", s.score());
      add(o, "ratio_gen", s.generation());
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
    add(o, prefix + "score_tokens_per_s", r.scoreTokensPerSecond());
    add(o, prefix + "gen_ms_per_token", r.generationMsPerToken());
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
