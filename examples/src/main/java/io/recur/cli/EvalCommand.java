package io.recur.cli;

import com.google.gson.JsonObject;
import io.recur.core.InvalidInputException;
import io.recur.core.inference.Prompt;
import io.recur.core.inference.Score;
import io.recur.core.inference.Scorer;
import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Sequence;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;
import io.recur.core.util.Rng;
import io.recur.data.corpus.Corpora;
import io.recur.data.partition.Partitioners;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recur eval}: the perplexity of a text under a trained model, the text tokenised with the
 * model's own text spec and vocabulary.
 *
 * <p><b>Windows.</b> The token stream is read as {@link Scorer} reads it: {@code R = --batch}
 * rows of {@code L = ⌊(N − 1) / R⌋} targets, each row from zero state, in windows of
 * {@code --steps} with state carried — every target of the {@code R·L} scored, the final short
 * window of each row included. {@code train}'s held-out perplexity ({@code Trainer.evaluate} with
 * {@code Partitioners.evaluation()}) reads the same rows but drops each row's last
 * {@code L mod T} targets (the textbook's sequential partitioning at offset 0 keeps whole windows
 * only), and first clamps {@code T' = min(T, N − 1)}, {@code R' = max(1, min(B, ⌊(N − 1) / T'⌋))}.
 * {@code --drop-last} scores exactly those batches, so {@code eval --val-fraction F --batch B
 * --steps T --drop-last} on the training corpus reproduces the {@code val_ppl} that
 * {@code train --val-fraction F --batch B --steps T} reported for the checkpoint. The two readings
 * agree whenever {@code L} is a multiple of {@code T}.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Perplexity of a text under a trained model (a checkpoint directory, or a .onnx file on ONNX Runtime). "
        + "The text is tokenised as the model's training text was; --tokenizer/--preprocess default to the model's. "
        + "Reads --batch rows of --steps windows with state carried; --drop-last drops each row's final short window, "
        + "as train's held-out evaluation does, so --val-fraction F --batch B --steps T --drop-last on the training corpus "
        + "reproduces train's val_ppl.")
final class EvalCommand implements Callable<Integer> {
  /** How many unknown tokens the warning names at most. */
  private static final int NAMED_UNKNOWN = 10;

  @Spec
  CommandSpec spec;

  @Mixin
  JsonOutput json;

  @Mixin
  ModelOptions model;

  @Option(names = "--corpus", paramLabel = "NAME|PATH", defaultValue = "timemachine",
      description = "Bundled corpus (timemachine) or the path of a UTF-8 text file (default: ${DEFAULT-VALUE}).")
  String corpus;

  @Option(names = "--tokenizer", paramLabel = "char|word", description = "Must match the model's (default: the model's).")
  String tokenizer;

  @Option(names = "--preprocess", paramLabel = "letters|none", description = "Must match the model's (default: the model's).")
  String preprocess;

  @Option(names = "--val-fraction", paramLabel = "F", description = "Score only the last fraction F of the token stream (default: all of it).")
  Double valFraction;

  @Option(names = "--batch", defaultValue = "32", paramLabel = "B", description = "Rows scored side by side (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--steps", defaultValue = "35", paramLabel = "T", description = "Tokens per window, state carried between windows (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--drop-last", description = "Skip each row's final window shorter than --steps, as train's held-out evaluation does.")
  boolean dropLast;

  @Override
  public Integer call() {
    if (valFraction != null && !(valFraction > 0 && valFraction < 1)) {
      throw new InvalidInputException("val-fraction must be in (0, 1) (got " + valFraction
          + "); pass --val-fraction F to score the last fraction F of the text, or leave it out to score all of it");
    }
    Scorer scorer = new Scorer(batch, steps);
    String raw = Corpora.load(corpus);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (TextModel m = model.open(err)) {
      checkTextSpec(m.text());
      Prompt encoded = m.encode(m.textTokens(raw));
      int[] ids = encoded.ids();
      if (valFraction != null) {
        ids = Sequence.of(ids).splitTail(valFraction)[1].toArray();
      }
      long start = System.nanoTime();
      Score score = dropLast ? scorer.score(m.model(), trainingWindows(ids, batch, steps)) : scorer.score(m.model(), ids);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!encoded.unknown().isEmpty()) {
        err.println("recur: warning: " + unknownWarning(encoded));
      }
      JsonObject o = new JsonObject();
      o.addProperty("backend", m.model().backend());
      o.addProperty("tokens", score.tokens());
      o.addProperty("ppl", score.perplexity());
      o.addProperty("cross_entropy", score.crossEntropy());
      o.addProperty("corpus", corpus);
      o.addProperty("stream_tokens", ids.length);
      o.addProperty("unknown", encoded.unknown().size());
      o.addProperty("batch", batch);
      o.addProperty("steps", steps);
      o.addProperty("drop_last", dropLast);
      o.addProperty("tokens_per_s", score.tokens() / seconds);
      o.addProperty("threads", m.backend().threads());
      o.addProperty("compute", m.backend().describe());
      o.addProperty("model", model.path().toString());
      json.print(out, o);
    }
    return 0;
  }

  /** {@code --tokenizer} and {@code --preprocess} may only repeat what the model was trained with. */
  private void checkTextSpec(TextSpec modelText) {
    String given = tokenizer != null && !tokenizer.equals(modelText.tokenizer()) ? "--tokenizer " + tokenizer
        : preprocess != null && !preprocess.equals(modelText.preprocess()) ? "--preprocess " + preprocess : null;
    if (given != null) {
      throw new InvalidInputException("the model reads text with --tokenizer " + modelText.tokenizer() + " --preprocess "
          + modelText.preprocess() + ", but " + given + " was given; leave the option out (the model's own is used)");
    }
  }

  /**
   * The batches {@code train} scores a held-out stream in ({@code Trainer.evaluate}): the
   * evaluation partitioner (sequential, offset 0, whole windows only) with {@code T' = min(T,
   * N − 1)} steps and {@code R' = max(1, min(B, ⌊(N − 1) / T'⌋))} rows.
   */
  static List<Batch> trainingWindows(int[] ids, int rows, int steps) {
    if (ids.length < 2) {
      throw new InvalidInputException("the text has " + ids.length
          + " token(s); scoring needs at least 2 (each token is predicted from the ones before it)");
    }
    int t = Math.min(steps, ids.length - 1);
    int r = Math.max(1, Math.min(rows, (ids.length - 1) / t));
    return Partitioners.evaluation().epoch(Sequence.of(ids), r, t, new Rng(0));
  }

  private static String unknownWarning(Prompt encoded) {
    List<String> unknown = List.copyOf(encoded.unknown());
    String named = unknown.stream().limit(NAMED_UNKNOWN).map(t -> "'" + t + "'").collect(Collectors.joining(", "));
    String more = unknown.size() > NAMED_UNKNOWN ? " and " + (unknown.size() - NAMED_UNKNOWN) + " more" : "";
    return unknown.size() + " distinct token(s) of the text are not in the model's vocabulary and read as " + Vocab.UNK
        + ": " + named + more;
  }
}
