package io.recur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.recur.core.checkpoint.Checkpoint;
import io.recur.core.checkpoint.CheckpointStore;
import io.recur.core.checkpoint.OutputLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recur train} from the command line: outputs, resume, partitions, validation text, and refusals before any work. */
class TrainCommandTest {
  @TempDir
  Path dir;

  /** A tiny run on the shared 5,000-character corpus, plus {@code args}. */
  private static CliRun train(String... args) {
    return bare(Stream.concat(Stream.of("--hidden", "8"), Stream.of(args)).toArray(String[]::new));
  }

  /** {@link #train} without the hidden size. */
  private static CliRun bare(String... args) {
    String[] common = {"train", "--corpus", TrainedModels.corpus().toString(), "--batch", "4", "--steps", "8", "--json"};
    return CliRun.of(Stream.concat(Stream.of(common), Stream.of(args)).toArray(String[]::new));
  }

  private static CliRun ok(CliRun r) {
    assertEquals(0, r.exit(), r.err());
    return r;
  }

  /** Exit 2, one line on standard error naming {@code fragments}, nothing on standard output. */
  private static void refused(CliRun r, String... fragments) {
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), "'" + r.err() + "' lacks '" + f + "'");
    }
    assertFalse(r.err().contains("\tat "), "no stack trace");
    assertEquals("", r.out());
  }

  private static List<JsonObject> metrics(Path f) throws IOException {
    return Files.readAllLines(f).stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
  }

  @Test
  void metricsPlotAndResumeIntoTheSameDirectoryWithTheCheckpointsOwnSettings() throws IOException {
    Path out = dir.resolve("run");
    Path log = dir.resolve("logs/metrics.jsonl");
    Path png = dir.resolve("plots/ppl.png");
    ok(train("--epochs", "1", "--out", out.toString(), "--metrics", log.toString(), "--plot", png.toString(), "--lr", "2",
        "--threads", "1"));
    assertEquals(1, metrics(log).size());
    assertTrue(Files.size(png) > 0);
    Checkpoint first = CheckpointStore.read(out);
    assertEquals(1, first.provenance().threads());
    assertEquals("auto", first.provenance().fused());

    // A kill between the metrics line of epoch 2 and its checkpoint left a line the checkpoint lacks.
    Files.writeString(log, Files.readString(log) + "{\"epoch\":2,\"train_ppl\":1.0}\n");
    CliRun resumed = ok(CliRun.of("train", "--resume", out.toString(), "--corpus", TrainedModels.corpus().toString(), "--epochs",
        "3", "--lr", "0.5", "--metrics", log.toString(), "--json"));
    assertFalse(resumed.err().contains("note:"), "threads and fused come from the checkpoint: " + resumed.err());
    assertEquals(out.toString(), resumed.json().get("out").getAsString(), "--out defaults to the resumed directory");
    assertEquals(3, CheckpointStore.read(out).epochsDone());
    List<JsonObject> lines = metrics(log);
    assertEquals(List.of(1, 2, 3), lines.stream().map(o -> o.get("epoch").getAsInt()).toList());
    assertEquals(2.0, lines.get(0).get("lr").getAsDouble());
    assertEquals(0.5, lines.get(2).get("lr").getAsDouble(), "--lr applies to the resumed epochs");
    assertEquals(4, CheckpointStore.read(out).training().batchSize(), "the checkpoint's batch, not the default 32");

    refused(CliRun.of("train", "--resume", out.toString(), "--corpus", TrainedModels.corpus().toString(), "--epochs", "3"),
        "has finished 3 epochs already", "--epochs");
    refused(CliRun.of("train", "--resume", out.toString(), "--corpus", TrainedModels.corpus().toString(), "--epochs", "4",
        "--optimizer", "adam"), "--optimizer sgd", "omit --optimizer adam");
    refused(CliRun.of("train", "--resume", out.toString(), "--corpus", TrainedModels.corpus().toString(), "--epochs", "4",
        "--hidden", "9"), "architecture", "omit the architecture options");
  }

  @Test
  void aWordModelResumesWithItsOwnTextOptions() {
    Path out = dir.resolve("words");
    ok(train("--epochs", "1", "--tokenizer", "word", "--preprocess", "none", "--embed", "4", "--out", out.toString()));
    ok(CliRun.of("train", "--resume", out.toString(), "--corpus", TrainedModels.corpus().toString(), "--epochs", "2"));
    refused(CliRun.of("train", "--resume", out.toString(), "--corpus", TrainedModels.corpus().toString(), "--epochs", "3",
        "--tokenizer", "char"), "--tokenizer");
  }

  @Test
  void aResumeRunsOnTheCheckpointsBackendUnlessAnotherIsGiven() throws IOException {
    Path out = dir.resolve("tf");
    ok(train("--epochs", "1", "--backend", "tensorflow", "--threads", "1", "--out", out.toString()));
    String corpus = TrainedModels.corpus().toString();

    CliRun same = ok(CliRun.of("train", "--resume", out.toString(), "--corpus", corpus, "--epochs", "2", "--json"));
    assertEquals("tensorflow", same.json().get("backend").getAsString(), "the checkpoint's backend, not the default nd4j");
    assertFalse(same.err().contains("note:"), same.err());

    CliRun spark = ok(CliRun.of("train", "--resume", out.toString(), "--corpus", corpus, "--epochs", "3", "--spark", "local[1]",
        "--workers", "1"));
    assertTrue(spark.err().contains("(1 workers on tensorflow, averaging every"), "Spark's workers too: " + spark.err());

    CliRun other = ok(CliRun.of("train", "--resume", out.toString(), "--corpus", corpus, "--epochs", "4", "--backend", "nd4j",
        "--json"));
    assertEquals("nd4j", other.json().get("backend").getAsString());
    assertEquals(List.of("recur: note: the checkpoint was trained on backend tensorflow, this run uses --backend nd4j; it will"
        + " not repeat the uninterrupted run bit for bit"), other.errLines().stream().filter(l -> l.contains("note:")).toList());
    assertEquals("nd4j", CheckpointStore.read(out).provenance().backend());
  }

  @Test
  void randomPartitionAndASeparateValidationText() throws IOException {
    JsonObject random = ok(train("--epochs", "1", "--partition", "random")).json();
    assertTrue(random.get("val_ppl").getAsDouble() > 1, random.toString());
    Path val = Files.writeString(dir.resolve("val.txt"), "the time traveller was expounding a recondite matter to us\n");
    CliRun r = ok(train("--epochs", "1", "--val-corpus", val.toString()));
    assertTrue(r.json().get("val_ppl").getAsDouble() > 1, r.out());
    assertEquals(List.of(), r.errLines().stream().filter(l -> l.contains("warning")).toList());
    Path foreign = Files.writeString(dir.resolve("zh.txt"), "\u65f6\u95f4\u65c5\u884c\u8005\u5728\u8bb2\u8ff0\n");
    CliRun oov = ok(train("--epochs", "1", "--val-corpus", foreign.toString(), "--preprocess", "none"));
    assertTrue(oov.err().contains("warning") && oov.err().contains("not in the training vocabulary"), oov.err());
    refused(train("--val-corpus", dir.resolve("missing.txt").toString()), "does not exist", "pass --val-corpus");
  }

  @Test
  void aBackendThatCannotTrainIsRefused() {
    refused(train("--backend", "onnx"), "backend 'onnx' cannot train", "--backend [nd4j");
  }

  @Test
  void outputPathsOfTheWrongKindAreRefusedBeforeTraining() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");
    Path sub = Files.createDirectory(dir.resolve("sub"));
    refused(train("--out", file.toString()), "--out " + file + " is a file, not a directory");
    refused(train("--out", file.resolve("run").toString()), "cannot be created", file + " is not a directory");
    refused(train("--plot", sub.toString()), "--plot " + sub + " is a directory");
    refused(train("--metrics", sub.toString()), "--metrics " + sub + " is a directory");
    refused(train("--resume", file.toString()), "--out " + file + " is a file");
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("file", "sub"), s.map(p -> p.getFileName().toString()).sorted().toList(), "nothing written");
    }
    try (Stream<Path> s = Files.list(sub)) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void aSecondWriterOfTheSameDirectoryIsRefusedNamingTheFirst() {
    Path out = dir.resolve("busy");
    try (OutputLock first = OutputLock.acquire(out)) {
      refused(train("--epochs", "1", "--out", out.toString()), "is being written by another training run (pid "
          + ProcessHandle.current().pid());
    }
    assertFalse(CheckpointStore.isCheckpoint(out));
  }

  @Test
  void modelsTooLargeForMemoryAndOptionsOutOfRangeAreRefusedUpFront() {
    refused(bare("--hidden", "40000"), "the model has a parameter of 6400000000 values", "--hidden");
    refused(bare("--hidden", "20000"), "the model needs about", "is the limit of this JVM", "--hidden");
    refused(train("--layers", "99999999"), "the model needs about");
    refused(train("--threads", "999"), "threads must be in [0, " + Runtime.getRuntime().availableProcessors() + "]", "cores");
    refused(train("--forget-bias", "NaN"), "forget-bias must be a finite number");
    refused(train("--lr", "NaN"), "learning rate must be > 0");
    refused(train("--dropout", "1"), "dropout must be in [0, 1)");
    refused(train("--epochs", "0"), "epochs must be > 0");
    refused(train("--tied", "--embed", "4"), "--tied needs --embed equal to --hidden", "embed 4, hidden 8");
  }
}
