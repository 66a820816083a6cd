package io.recur.backend.onnx.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.backend.onnx.export.OnnxModelBuilder;
import io.recur.backend.onnx.testing.Fixtures;
import io.recur.core.InvalidInputException;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import io.recur.core.config.FusedMode;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sessions carry state between calls: stepping token by token equals one full-sequence call. */
class OrtInferenceSessionTest {
  static final int VOCAB = 13;
  private OrtModel model;
  private ModelSpec spec;
  private ParameterSet params;

  @BeforeEach
  void open() {
    spec = ModelSpec.builder().cell("lstm").vocabSize(VOCAB).embed(6).hidden(8).layers(2).build();
    params = Fixtures.randomParams(spec, 11);
    model = open(spec, params);
  }

  @AfterEach
  void close() {
    model.close();
  }

  static OrtModel open(ModelSpec spec, ParameterSet params) {
    byte[] onnx = new OnnxModelBuilder(Fixtures.cells(), FusedMode.AUTO).build(spec, params, Map.of()).toByteArray();
    return OrtModel.open(onnx, "test model", 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lstm", "gru", "rnn", "peephole", "mgu"})
  void steppingOneTokenAtATimeEqualsTheFullSequence(String cell) {
    ModelSpec s = ModelSpec.builder().cell(cell).vocabSize(VOCAB).hidden(8).layers(2).build();
    int[][] tokens = Fixtures.tokens(3, 12, VOCAB, 2);
    try (OrtModel m = open(s, Fixtures.randomParams(s, 4)); InferenceSession full = m.newSession(3);
        InferenceSession stepped = m.newSession(3)) {
      Logits all = full.forward(tokens);
      for (int t = 0; t < 12; t++) {
        int[] column = new int[3];
        for (int b = 0; b < 3; b++) {
          column[b] = tokens[b][t];
        }
        Logits one = stepped.step(column);
        for (int b = 0; b < 3; b++) {
          double d = Fixtures.maxAbsDiff(one.row(0, b), all.row(t, b));
          assertTrue(d <= 1e-5, cell + " step " + t + " row " + b + ": " + d);
        }
      }
    }
  }

  @Test
  void logitsMatchTheReferenceAcrossCallsBecauseStateIsCarried() {
    int[][] first = Fixtures.tokens(2, 5, VOCAB, 1);
    int[][] second = Fixtures.tokens(2, 4, VOCAB, 2);
    io.recur.core.testing.ReferenceModel ref = new io.recur.core.testing.ReferenceModel(spec, params);
    try (InferenceSession s = model.newSession(2)) {
      assertTrue(Fixtures.maxAbsDiff(s.forward(first).data(), ref.forward(first)) <= 1e-5);
      assertTrue(Fixtures.maxAbsDiff(s.forward(second).data(), ref.forward(second)) <= 1e-5);
    }
  }

  @Test
  void resetReturnsToZeroState() {
    int[][] tokens = Fixtures.tokens(2, 6, VOCAB, 3);
    try (InferenceSession s = model.newSession(2)) {
      Logits fresh = s.forward(tokens);
      s.forward(tokens);
      s.reset();
      assertArrayEquals(fresh.data(), s.forward(tokens).data());
    }
  }

  @Test
  void reorderMovesAndDuplicatesRowStates() {
    int[][] prefix = Fixtures.tokens(2, 6, VOCAB, 5);
    try (InferenceSession s = model.newSession(2); InferenceSession single = model.newSession(1)) {
      s.forward(prefix);
      single.forward(new int[][] {prefix[1]});
      s.reorder(new int[] {1, 1, 0});
      assertEquals(3, s.batchSize());
      Logits next = s.step(new int[] {4, 4, 4});
      float[] expected = single.step(new int[] {4}).row(0, 0);
      assertArrayEquals(expected, next.row(0, 0));
      assertArrayEquals(expected, next.row(0, 1));
      assertTrue(Fixtures.maxAbsDiff(next.row(0, 2), expected) > 1e-3, "row 2 carries row 0's state, not row 1's");
    }
  }

  @Test
  void badInputIsRefusedBeforeOnnxRuntimeSeesIt() {
    try (InferenceSession s = model.newSession(2)) {
      assertMessage(() -> s.forward(new int[][] {{}, {}}), "at least one token");
      assertMessage(() -> s.forward(new int[][] {{1, 2}}), "has 2 rows but 1 were fed");
      assertMessage(() -> s.forward(new int[][] {{1, 2}, {3}}), "row 1 has 1 tokens but row 0 has 2");
      assertMessage(() -> s.forward(new int[][] {{1}, {VOCAB}}), "token id 13 (row 1, step 0) is outside the vocabulary [0, 13)");
      assertMessage(() -> s.forward(new int[][] {{-1}, {0}}), "token id -1");
      assertMessage(() -> s.reorder(new int[] {2}), "row 2 does not exist");
      assertMessage(() -> s.reorder(new int[0]), "at least one row");
    }
    assertMessage(() -> model.newSession(0), "batch must be > 0 (got 0)");
  }

  @Test
  void aClosedModelRefusesWork() {
    InferenceSession s = model.newSession(1);
    model.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.step(new int[] {1}));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> model.newSession(1));
  }

  private static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
    InvalidInputException e = assertThrows(InvalidInputException.class, call);
    assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
  }
}
