package io.recur.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.recur.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A PyTorch peer run in its own process on the same workload. Characters:
 * {@code <shared>/bench/peers/torch_charlm.py CORPUS --cells CELL --threads N --skip-ppl
 * --bench-seconds S --score-seconds S} (the reference workload only), whose JSON gives training and
 * scoring tokens per second and greedy milliseconds per character. Words: Recur's own
 * {@code torch_wordlm_peer.py} (a resource, written to a temporary file for the run)
 * {@code CORPUS --reference <shared>/bench/peers/torch_wordlm.py --bench --threads N --seconds S
 * --score-seconds S --hidden H --embed E --layers L --batch B --steps T --lr 1 --clip 5} (an LSTM
 * with an embedding: the reference's model, tokens and batches), whose JSON gives
 * {@code train_tokens_per_s}, {@code score_tokens_per_s} and {@code gen_ms_per_token}. The
 * script's progress (standard error) is passed on line by line.
 */
public final class TorchPeer {
  /** Where the character script lives inside the shared directory. */
  public static final Path SCRIPT = Path.of("bench", "peers", "torch_charlm.py");
  /** Where the shared word reference, whose tokenisation and batches the word peer uses, lives inside the shared directory. */
  public static final Path WORD_SCRIPT = Path.of("bench", "peers", "torch_wordlm.py");
  /** The word peer: a resource next to this class. */
  public static final String WORD_PEER = "torch_wordlm_peer.py";
  /** The cells the character script knows. */
  public static final Set<String> CELLS = Set.of("rnn", "lstm", "gru");

  private final Path python;
  /** The character script, or the word reference the word peer is given. */
  private final Path script;
  private final boolean words;

  private TorchPeer(Path python, Path script, boolean words) {
    this.python = python;
    this.script = script;
    this.words = words;
  }

  /** {@link #locate(Path, Path, boolean)} for the character peer. */
  public static TorchPeer locate(Path python, Path shared) {
    return locate(python, shared, false);
  }

  /**
   * Finds the character script or the word reference ({@code words}) under {@code shared}, and the interpreter.
   *
   * @throws InvalidInputException if either is missing, naming the path and the option that sets it
   */
  public static TorchPeer locate(Path python, Path shared, boolean words) {
    Path relative = words ? WORD_SCRIPT : SCRIPT;
    Path script = shared.resolve(relative);
    if (!Files.isRegularFile(script)) {
      throw new InvalidInputException("the PyTorch peer " + (words ? "reference " : "script ") + script + " does not exist;"
          + " pass --shared DIR, the directory that holds " + relative);
    }
    if (!Files.isExecutable(python) || Files.isDirectory(python)) {
      throw new InvalidInputException("python3 not found at " + python + "; the PyTorch peer needs Debian's python3 with"
          + " python3-torch (apt-get install python3-torch libopenblas0-openmp), or pass --python PATH");
    }
    return new TorchPeer(python, script, words);
  }

  /**
   * Checks that the interpreter can import torch.
   *
   * @throws InvalidInputException if it cannot, with the interpreter's last line of complaint
   */
  public void checkTorch() {
    Process p = start(new ProcessBuilder(python.toString(), "-c", "import torch").redirectOutput(ProcessBuilder.Redirect.DISCARD));
    List<String> err = new ArrayList<>();
    Thread drain = drain(p, err::add);
    boolean finished = finished(p, 120);
    join(drain);
    if (!finished || p.exitValue() != 0) {
      throw new InvalidInputException("PyTorch is not available to " + python + " (" + (err.isEmpty() ? "no output"
          : err.get(err.size() - 1)) + "); install python3-torch and libopenblas0-openmp, or run without --peer");
    }
  }

  /**
   * Refuses workloads the script cannot run: the character script measures only the reference
   * workload of an RNN, LSTM or GRU; the word script an LSTM with an embedding.
   */
  public static void checkWorkload(Workload w) {
    if (w.words()) {
      if (!w.cell().equals("lstm") || w.embed() == 0) {
        throw new InvalidInputException("the PyTorch word peer runs an LSTM with an embedding, not " + w.describe()
            + "; pass --cell lstm --embed E or run without --peer");
      }
      return;
    }
    if (!CELLS.contains(w.cell())) {
      throw new InvalidInputException("the PyTorch peer knows the cells " + CELLS.stream().sorted().toList() + ", not '"
          + w.cell() + "'; pass --cell rnn|lstm|gru or run without --peer");
    }
    Workload reference = Workload.reference(w.cell());
    if (!w.isReference()) {
      throw new InvalidInputException("the PyTorch peer measures only the reference workload (" + reference.describe()
          + "), not " + w.describe() + "; drop --hidden/--layers/--embed/--batch/--steps or run without --peer");
    }
  }

  /**
   * Runs the peer once on {@code workload}.
   *
   * @param corpus the text as a file (the script tokenises it as Recur does)
   * @param progress receives each line the script writes to standard error
   */
  public BenchResult run(Path corpus, Workload workload, int threads, double seconds, Consumer<String> progress) {
    String program = words ? WORD_PEER : script.toString();
    Path wordPeer = null;
    Path out = null;
    try {
      wordPeer = words ? extract(WORD_PEER) : null;
      List<String> command = command(wordPeer, corpus, workload, Integer.toString(threads), Double.toString(seconds));
      out = Files.createTempFile("recur-torch-peer", ".json");
      Process p = start(new ProcessBuilder(command).redirectOutput(out.toFile()));
      List<String> err = new ArrayList<>();
      Thread drain = drain(p, line -> {
        err.add(line);
        progress.accept(line);
      });
      boolean finished = finished(p, 600 + (long) (10 * seconds));
      join(drain);
      if (!finished || p.exitValue() != 0) {
        throw new IllegalStateException(program + (finished ? " failed (exit " + p.exitValue() + ")" : " timed out") + ": "
            + (err.isEmpty() ? "no output" : err.get(err.size() - 1)));
      }
      List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
      if (lines.isEmpty()) {
        throw new IllegalStateException(program + " printed no result");
      }
      String json = lines.get(lines.size() - 1);
      return words ? parseWords(json) : parse(json, workload.cell(), threads);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + program + ": " + e.getMessage(), e);
    } finally {
      for (Path temporary : new Path[] {wordPeer, out}) {
        if (temporary != null) {
          temporary.toFile().delete();
        }
      }
    }
  }

  private List<String> command(Path wordPeer, Path corpus, Workload w, String threads, String seconds) {
    if (!words) {
      return List.of(python.toString(), script.toString(), corpus.toString(), "--threads", threads, "--cells", w.cell(),
          "--skip-ppl", "--bench-seconds", seconds, "--score-seconds", seconds);
    }
    return List.of(python.toString(), wordPeer.toString(), corpus.toString(), "--reference", script.toString(), "--bench",
        "--threads", threads, "--seconds", seconds, "--score-seconds", seconds, "--hidden", Integer.toString(w.hidden()),
        "--embed", Integer.toString(w.embed()), "--layers", Integer.toString(w.layers()), "--batch", Integer.toString(w.batch()),
        "--steps", Integer.toString(w.steps()), "--lr", Double.toString(Workload.LEARNING_RATE), "--clip",
        Double.toString(w.clip()));
  }

  /** Copies the class-path resource {@code name} (next to this class) to a new temporary file. */
  private static Path extract(String name) throws IOException {
    Path file = Files.createTempFile("recur-", "-" + name);
    try (InputStream in = TorchPeer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from Recur's class path (io/recur/bench)");
      }
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return file;
  }

  /** Reads the character script's JSON line: {@code cells.CELL.train|score.N.tokens_per_s}, {@code generate.N.ms_per_char_median}. */
  static BenchResult parse(String json, String cell, int threads) {
    JsonElement root = root(json);
    String n = Integer.toString(threads);
    return new BenchResult(OptionalDouble.of(number(root, json, "cells", cell, "train", n, "tokens_per_s")),
        number(root, json, "cells", cell, "score", n, "tokens_per_s"),
        number(root, json, "cells", cell, "generate", n, "ms_per_char_median"));
  }

  /** Reads the word peer's JSON line: {@code train_tokens_per_s}, {@code score_tokens_per_s}, {@code gen_ms_per_token}. */
  static BenchResult parseWords(String json) {
    JsonElement root = root(json);
    return new BenchResult(OptionalDouble.of(number(root, json, "train_tokens_per_s")), number(root, json, "score_tokens_per_s"),
        number(root, json, "gen_ms_per_token"));
  }

  private static JsonElement root(String json) {
    try {
      return JsonParser.parseString(json);
    } catch (JsonParseException e) {
      throw new IllegalStateException("the PyTorch peer printed no JSON: " + json, e);
    }
  }

  private static double number(JsonElement root, String json, String... path) {
    JsonElement e = root;
    for (String key : path) {
      e = e.isJsonObject() ? e.getAsJsonObject().get(key) : null;
      if (e == null) {
        throw new IllegalStateException("the PyTorch peer's output has no " + String.join(".", path) + ": " + json);
      }
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw new IllegalStateException("the PyTorch peer's " + String.join(".", path) + " is not a number: " + json);
    }
    return e.getAsDouble();
  }

  private static Process start(ProcessBuilder builder) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new InvalidInputException("cannot run " + builder.command().get(0) + ": " + e.getMessage() + "; pass --python PATH", e);
    }
  }

  private static Thread drain(Process p, Consumer<String> lines) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        r.lines().forEach(lines);
      } catch (IOException | UncheckedIOException e) {
        lines.accept("(standard error unreadable: " + e.getMessage() + ")");
      }
    }, "torch-peer-stderr");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static boolean finished(Process p, long seconds) {
    try {
      if (p.waitFor(seconds, TimeUnit.SECONDS)) {
        return true;
      }
      p.destroyForcibly();
      return false;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the PyTorch peer", e);
    }
  }

  private static void join(Thread t) {
    try {
      t.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
