package io.recur.backend.onnx.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.cell.StateSpec;
import io.recur.core.checkpoint.Provenance;
import io.recur.core.cell.CellOptions;
import io.recur.core.model.ModelSpec;
import io.recur.core.sequence.SeriesData;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a model says about itself survives the trip through metadata_props, and damage is named. */
class RecurMetadataTest {
  final ModelSpec spec = ModelSpec.builder().cell("com.acme.MguCell").vocabSize(3).embed(2).hidden(4).layers(2)
      .dropout(0.1).cellOptions(CellOptions.parse(List.of("forget_bias=1", "clip=0.5"))).build();
  final ModelSignature signature = new ModelSignature(ModelSpec.Task.LANGUAGE, List.of(
      List.of(StateSpec.of("h", 4), StateSpec.of("c", 4)), List.of(StateSpec.of("h", 4))));
  final Vocab vocab = new Vocab(List.of(Vocab.UNK, "a", "é\"\n"), new long[] {0, 5, 7});

  Map<String, String> props() {
    Map<String, String> m = new HashMap<>(RecurMetadata.model(spec, signature));
    m.putAll(RecurMetadata.text(new TextSpec("none", "word"), vocab, Provenance.now("onnx", "test")));
    return m;
  }

  @Test
  void everyEntryRoundTrips() {
    Map<String, String> m = props();
    RecurMetadata.check(m, "f.onnx");
    assertEquals(spec, RecurMetadata.spec(m, "f.onnx"));
    assertEquals(spec, RecurMetadata.checkedSpec(m, "f.onnx"));
    assertEquals(signature, RecurMetadata.signature(m, ModelSpec.Task.LANGUAGE, "f.onnx"));
    assertEquals(new TextSpec("none", "word"), RecurMetadata.text(m, "f.onnx"));
    assertEquals(vocab, RecurMetadata.vocab(m, "f.onnx"));
    assertEquals(Provenance.RECUR_VERSION, RecurMetadata.provenance(m, "f.onnx").recur());
  }

  @Test
  void theSignatureNamesInputsAndOutputsLayerByLayer() {
    assertEquals(List.of("tokens", "state_in.layer0.h", "state_in.layer0.c", "state_in.layer1.h"), signature.inputNames());
    assertEquals(List.of("logits", "state_out.layer0.h", "state_out.layer0.c", "state_out.layer1.h"), signature.outputNames());
  }

  @Test
  void aSeriesModelsEntriesRoundTripUnderItsOwnMarker() {
    ModelSpec series = ModelSpec.builder().cell("gru").hidden(4).series(6, 2).build();
    ModelSignature states = new ModelSignature(ModelSpec.Task.SERIES, List.of(List.of(StateSpec.of("h", 4))));
    SeriesData data = new SeriesData(3, List.of("co2", "temp"), new double[] {350.5, -2}, new double[] {12.25, 0.5});
    Map<String, String> m = new HashMap<>(RecurMetadata.model(series, states));
    m.putAll(RecurMetadata.series(data, Provenance.now("onnx", "test")));
    RecurMetadata.check(m, "s.onnx");
    assertEquals(RecurMetadata.SERIES_FORMAT, m.get(RecurMetadata.FORMAT_KEY));
    assertEquals(series, RecurMetadata.checkedSpec(m, "s.onnx"));
    assertEquals(states, RecurMetadata.signature(m, ModelSpec.Task.SERIES, "s.onnx"));
    assertEquals(data, RecurMetadata.series(m, "s.onnx"));
    assertEquals(List.of("values", "state_in.layer0.h"), states.inputNames());
    assertEquals(List.of("predictions", "state_out.layer0.h"), states.outputNames());
    assertEquals(List.of("values"), new ModelSignature(ModelSpec.Task.SERIES, List.of()).inputNames(), "the linear model has no state");

    m.put(RecurMetadata.FORMAT_KEY, RecurMetadata.FORMAT);
    assertMessage(() -> RecurMetadata.checkedSpec(m, "s.onnx"), "s.onnx is marked recur-language-model but holds a series model");
  }

  @Test
  void foreignNewerAndDamagedMetadataAreNamed() {
    assertMessage(() -> RecurMetadata.check(Map.of("producer", "x"), "f.onnx"), "f.onnx is an ONNX model but not a Recur model");
    Map<String, String> newer = props();
    newer.put(RecurMetadata.VERSION_KEY, "99");
    assertMessage(() -> RecurMetadata.check(newer, "f.onnx"), "format version 99; this Recur reads up to 2; upgrade Recur");
    Map<String, String> damaged = props();
    damaged.put(RecurMetadata.SPEC, "{\"cell\": ");
    assertMessage(() -> RecurMetadata.spec(damaged, "f.onnx"), "f.onnx has a damaged metadata entry recur.spec");
    com.google.gson.JsonObject negative = io.recur.core.model.ModelSpecJson.toJson(spec);
    negative.addProperty("hidden", -3);
    damaged.put(RecurMetadata.SPEC, negative.toString());
    assertMessage(() -> RecurMetadata.spec(damaged, "f.onnx"), "hidden must be > 0 (got -3)");
    negative.remove("hidden");
    damaged.put(RecurMetadata.SPEC, negative.toString());
    assertMessage(() -> RecurMetadata.spec(damaged, "f.onnx"), "lacks \"hidden\"");
    damaged.remove(RecurMetadata.VOCAB);
    assertMessage(() -> RecurMetadata.vocab(damaged, "f.onnx"), "lacks the metadata entry recur.vocab");
  }

  private static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
    InvalidInputException e = assertThrows(InvalidInputException.class, call);
    assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
  }
}
