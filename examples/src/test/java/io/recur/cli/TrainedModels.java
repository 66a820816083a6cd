package io.recur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import io.recur.data.corpus.Corpora;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Tiny models trained with {@code recur train} (hidden 16, one epoch, batch 4, steps 8) on the
 * first 5,000 characters of <i>The Time Machine</i>, and exported with {@code recur export} —
 * once per test JVM, shared by the command-line tests, deleted when the JVM exits.
 */
final class TrainedModels {
  /** What {@code recur train} wrote and reported. */
  record Trained(Path checkpoint, Path corpus, JsonObject report) {}

  private static Path dir;
  private static Trained chars;
  private static Trained words;
  private static Path charsOnnx;

  private TrainedModels() {}

  /** A character LSTM ({@code letters}, {@code char}: vocabulary of 28). */
  static synchronized Trained chars() {
    if (chars == null) {
      chars = train("chars", "--cell", "lstm", "--tokenizer", "char", "--preprocess", "letters");
    }
    return chars;
  }

  /** A word GRU with an embedding ({@code none}, {@code word}: {@code <eos>} at line ends, case and punctuation kept). */
  static synchronized Trained words() {
    if (words == null) {
      words = train("words", "--cell", "gru", "--embed", "8", "--tokenizer", "word", "--preprocess", "none");
    }
    return words;
  }

  /** {@link #chars()} exported with {@code recur export}. */
  static synchronized Path charsOnnx() {
    if (charsOnnx == null) {
      Path out = dir().resolve("chars.onnx");
      CliRun r = CliRun.of("export", "--model", chars().checkpoint().toString(), "--out", out.toString());
      assertEquals(0, r.exit(), r.err());
      charsOnnx = out;
    }
    return charsOnnx;
  }

  /** The training text: the book's first 5,000 characters. */
  static synchronized Path corpus() {
    Path f = dir().resolve("corpus.txt");
    if (!Files.exists(f)) {
      try {
        Files.writeString(f, Corpora.load("timemachine").substring(0, 5000));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return f;
  }

  private static Trained train(String name, String... model) {
    Path out = dir().resolve(name);
    String[] common = {"train", "--corpus", corpus().toString(), "--hidden", "16", "--epochs", "1", "--batch", "4",
        "--steps", "8", "--seed", "3", "--out", out.toString(), "--json"};
    CliRun r = CliRun.of(Stream.concat(Stream.of(common), Stream.of(model)).toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    return new Trained(out, corpus(), r.json());
  }

  private static Path dir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("recur-cli-models");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Path d = dir;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(d)));
    }
    return dir;
  }

  private static void delete(Path d) {
    try (Stream<Path> files = Files.walk(d)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // the JVM is exiting; a leftover directory under target/ is harmless
    }
  }
}
