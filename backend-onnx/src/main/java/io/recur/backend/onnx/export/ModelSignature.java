package io.recur.backend.onnx.export;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.recur.core.cell.StateSpec;
import io.recur.core.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * The inputs and outputs of an exported model. Inputs: the sequence — {@code tokens} (int64
 * {@code [time, batch]}, time-major) for a language model, {@code values} (float
 * {@code [time, batch, features]}) for a series model — and, for every layer {@code L} and state
 * vector {@code s} its cell declares, {@code state_in.layerL.s} (float {@code [batch, size]}).
 * Outputs: {@code logits} ({@code [time, batch, vocab]}) or {@code predictions}
 * ({@code [time, batch, outputs]}), and {@code state_out.layerL.s}, the state after the last step.
 * Feeding the outputs back as inputs steps a model one step at a time. A linear series model has
 * no layers and so no state.
 */
public record ModelSignature(ModelSpec.Task task, List<List<StateSpec>> layers) {
  public static final String TOKENS = "tokens";
  public static final String LOGITS = "logits";
  public static final String VALUES = "values";
  public static final String PREDICTIONS = "predictions";

  public ModelSignature {
    if (task == null || task == ModelSpec.Task.LANGUAGE && layers.isEmpty()) {
      throw new IllegalArgumentException("a signature needs a task, and a language model at least one layer: " + task + " " + layers);
    }
    if (layers.stream().anyMatch(List::isEmpty)) {
      throw new IllegalArgumentException("every layer carries at least one state vector: " + layers);
    }
    layers = layers.stream().map(List::copyOf).toList();
  }

  /** The sequence input: {@value #TOKENS} or {@value #VALUES}. */
  public String input() {
    return task == ModelSpec.Task.LANGUAGE ? TOKENS : VALUES;
  }

  /** The per-step output: {@value #LOGITS} or {@value #PREDICTIONS}. */
  public String output() {
    return task == ModelSpec.Task.LANGUAGE ? LOGITS : PREDICTIONS;
  }

  public static String stateIn(int layer, StateSpec state) {
    return "state_in.layer" + layer + "." + state.name();
  }

  public static String stateOut(int layer, StateSpec state) {
    return "state_out.layer" + layer + "." + state.name();
  }

  /** Every input name: the sequence, then the states layer by layer. */
  public List<String> inputNames() {
    List<String> names = new ArrayList<>(List.of(input()));
    forEachState((s, l) -> names.add(stateIn(l, s)));
    return names;
  }

  /** Every output name: the per-step output, then the states layer by layer. */
  public List<String> outputNames() {
    List<String> names = new ArrayList<>(List.of(output()));
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

  /** Parses {@link #toJson} for a model of {@code task} (which the spec says). */
  public static ModelSignature fromJson(ModelSpec.Task task, JsonElement json) {
    List<List<StateSpec>> layers = new ArrayList<>();
    for (JsonElement layer : json.getAsJsonArray()) {
      List<StateSpec> states = new ArrayList<>();
      for (JsonElement s : layer.getAsJsonArray()) {
        JsonObject o = s.getAsJsonObject();
        states.add(StateSpec.of(o.get("name").getAsString(), o.get("size").getAsInt()));
      }
      layers.add(states);
    }
    return new ModelSignature(task, layers);
  }
}
