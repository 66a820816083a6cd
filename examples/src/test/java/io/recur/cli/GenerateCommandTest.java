package io.recur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code recur generate} on checkpoints trained by {@code recur train}. */
class GenerateCommandTest {
  private static CliRun generate(String model, String... args) {
    CliRun r = CliRun.of(Stream.concat(Stream.of("generate", "--model", model, "--json"), Stream.of(args)).toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    return r;
  }

  private static String chars() {
    return TrainedModels.chars().checkpoint().toString();
  }

  @Test
  void greedyIsDeterministicTheDefaultAndEqualToBeamWidthOne() {
    String greedy = generate(chars(), "--prefix", "the time traveller", "--length", "60", "--greedy").json().get("text").getAsString();
    assertTrue(greedy.startsWith("the time traveller"), greedy);
    assertEquals("the time traveller".length() + 60, greedy.length(), "one character per generated token: " + greedy);
    assertEquals(greedy, generate(chars(), "--prefix", "the time traveller", "--length", "60", "--greedy").json().get("text").getAsString());
    assertEquals(greedy, generate(chars(), "--prefix", "the time traveller", "--length", "60").json().get("text").getAsString());
    assertEquals(greedy, generate(chars(), "--prefix", "the time traveller", "--length", "60", "--beam", "1").json().get("text").getAsString());
  }

  @Test
  void samplingIsReproducibleForASeedAndDiffersBetweenSeeds() {
    String[] args = {"--prefix", "the ", "--length", "80", "--temperature", "0.8"};
    String seven = generate(chars(), concat(args, "--seed", "7")).json().get("text").getAsString();
    assertEquals(seven, generate(chars(), concat(args, "--seed", "7")).json().get("text").getAsString());
    String eight = generate(chars(), concat(args, "--seed", "8")).json().get("text").getAsString();
    assertNotEquals(seven, eight, "80 characters sampled at temperature 0.8 with two seeds");
    String topK1 = generate(chars(), "--prefix", "the ", "--length", "80", "--top-k", "1", "--seed", "7").json().get("text").getAsString();
    assertEquals(generate(chars(), "--prefix", "the ", "--length", "80").json().get("text").getAsString(), topK1, "top-k 1 is greedy");
  }

  @Test
  void theStandardOutputIsTheTextAndTheLastLineTheJsonWithItsFields() {
    CliRun r = generate(chars(), "--prefix", "The Time!", "--length", "20");
    JsonObject j = r.json();
    for (String field : List.of("text", "ms_per_token", "prefix_ms", "tokens", "prefix_tokens", "backend", "threads", "unknown")) {
      assertTrue(j.has(field), field + " in " + j);
    }
    assertEquals(20, j.get("tokens").getAsInt());
    assertEquals(9, j.get("prefix_tokens").getAsInt(), "'the time ' after letters preprocessing");
    assertTrue(j.get("text").getAsString().startsWith("the time "), j.toString());
    assertEquals("nd4j", j.get("backend").getAsString());
    assertTrue(j.get("threads").getAsInt() >= 1);
    assertTrue(j.get("ms_per_token").getAsDouble() > 0 && j.get("prefix_ms").getAsDouble() > 0, j.toString());
    assertEquals(List.of(j.get("text").getAsString(), j.toString()), r.out().lines().toList());
    CliRun plain = CliRun.of("generate", "--model", chars(), "--prefix", "The Time!", "--length", "20");
    assertEquals(j.get("text").getAsString() + "\n", plain.out(), "without --json, only the text");
  }

  @Test
  void unknownPrefixTokensReadAsUnkWithOneWarningNamingThem() {
    CliRun r = generate(TrainedModels.words().checkpoint().toString(), "--prefix", "The Time Xylophone was Zzyzx", "--length", "5");
    List<String> warnings = r.errLines().stream().filter(l -> l.contains("warning")).toList();
    assertEquals(1, warnings.size(), r.err());
    assertEquals("recur: warning: 2 prefix token(s) not in the model's vocabulary, read as <unk>: 'Xylophone', 'Zzyzx'",
        warnings.get(0));
    assertEquals("[\"Xylophone\",\"Zzyzx\"]", r.json().get("unknown").toString());
    assertTrue(r.json().get("text").getAsString().startsWith("The Time Xylophone was Zzyzx"), "the prefix as given");
  }

  @Test
  void aWordPrefixEndsInEosOnlyWhenItEndsWithALineEnd() {
    String words = TrainedModels.words().checkpoint().toString();
    assertEquals(2, generate(words, "--prefix", "The Time", "--length", "3").json().get("prefix_tokens").getAsInt());
    assertEquals(3, generate(words, "--prefix", "The Time\n", "--length", "3").json().get("prefix_tokens").getAsInt());
  }

  @Test
  void aCheckpointRunsOnTheNamedBackendAndAnOnnxFileOnOnnxRuntimeWhateverTheBackendOption() {
    String[] args = {"--prefix", "the time traveller", "--length", "40"};
    JsonObject nd4j = generate(chars(), args).json();
    JsonObject ort = generate(chars(), concat(args, "--backend", "onnx")).json();
    assertEquals("onnx", ort.get("backend").getAsString());
    assertEquals(nd4j.get("text"), ort.get("text"), "the checkpoint exported in memory and run on ONNX Runtime");
    CliRun file = generate(TrainedModels.charsOnnx().toString(), concat(args, "--backend", "nd4j"));
    assertEquals("onnx", file.json().get("backend").getAsString());
    assertEquals(nd4j.get("text"), file.json().get("text"));
    assertTrue(file.err().contains("--backend nd4j applies to checkpoint directories only"), file.err());
  }

  private static String[] concat(String[] a, String... b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }
}
