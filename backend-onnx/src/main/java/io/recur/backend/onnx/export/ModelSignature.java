package io.recur.backend.onnx.export;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.recur.core.cell.StateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * The inputs and outputs of an exported language model. Inputs: {@code tokens} (int64
 * {@code [time, batch]}, time-major) and, for every layer {@code L} and state vector {@code s}
 * its cell declares, {@code state_in.layerL.s} (float {@code [batch, size]}). Outputs:
 * {@code logits} ({@code [time, batch, vocab]}) and {@code state_out.layerL.s}, the state after
 * the last step. Feeding the outputs back as inputs steps a model token by token.
 */
public record ModelSignature(List<List<StateSpec>> layers) {
  public static final String TOKENS = "tokens";
  public static final String LOGITS = "logits";

  public ModelSignature {
    if (layers.isEmpty() || layers.stream().anyMatch(List::isEmpty)) {
      throw new IllegalArgumentException("every layer carries at least one state vector: " + layers);
    }
    layers = layers.stream().map(List::copyOf).toList();
  }

  public static String stateIn(int layer, StateSpec state) {
    return "state_in.layer" + layer + "." + state.name();
  }

  public static String stateOut(int layer, StateSpec state) {
    return "state_out.layer" + layer + "." + state.name();
  }

  /** Every input name: {@code tokens}, then the states layer by layer. */
  public List<String> inputNames() {
    List<String> names = new ArrayList<>(List.of(TOKENS));
    forEachState((s, l) -> names.add(stateIn(l, s)));
    return names;
  }

  /** Every output name: {@code logits}, then the states layer by layer. */
  public List<String> outputNames() {
    List<String> names = new ArrayList<>(List.of(LOGITS));
    forEachState((s, l) -> names.add(stateOut(l, s)));
    return names;
  }

  /** All state vectors in order, flattened across layers. */
  public List<StateSpec> states() {
    return layers.stream().flatMap(List::stream).toList();
  }

  /** Visits every (layer, state) pair in order. */
  public void forEachState(ObjIntConsumer<StateSpec> action) {
    for (int l = 0; l < layers.size(); l++) {
      for (StateSpec s : layers.get(l)) {
        action.accept(s, l);
      }
    }
  }

  public JsonArray toJson() {
    JsonArray out = new JsonArray();
    for (List<StateSpec> layer : layers) {
      JsonArray a = new JsonArray();
      for (StateSpec s : layer) {
        JsonObject o = new JsonObject();
        o.addProperty("name", s.name());
        o.addProperty("size", s.size());
        a.add(o);
      }
      out.add(a);
    }
    return out;
  }

  public static ModelSignature fromJson(JsonElement json) {
    List<List<StateSpec>> layers = new ArrayList<>();
    for (JsonElement layer : json.getAsJsonArray()) {
      List<StateSpec> states = new ArrayList<>();
      for (JsonElement s : layer.getAsJsonArray()) {
        JsonObject o = s.getAsJsonObject();
        states.add(StateSpec.of(o.get("name").getAsString(), o.get("size").getAsInt()));
      }
      layers.add(states);
    }
    return new ModelSignature(layers);
  }
}
