package io.recur.core.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.recur.core.cell.CellOptions;
import io.recur.core.util.Json;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link ModelSpec} as JSON — the one form checkpoints and exported models store. Strict: every
 * field must be present with the right type and no unknown field is accepted, so a damaged file
 * is refused instead of building another model. Reads the first milestone's form too (no
 * {@code task}, an LSTM {@code forgetBias} field), as a language model with the cell option
 * {@code forget_bias}.
 */
public final class ModelSpecJson {
  private static final Set<String> FIELDS = Set.of("task", "cell", "vocabSize", "features", "outputs", "embed", "hidden",
      "layers", "dropout", "tied", "cellOptions");
  private static final Set<String> FIELDS_V1 = Set.of("cell", "vocabSize", "embed", "hidden", "layers", "dropout", "forgetBias");

  private ModelSpecJson() {}

  public static JsonObject toJson(ModelSpec s) {
    JsonObject o = new JsonObject();
    o.addProperty("task", s.task().name().toLowerCase(Locale.ROOT));
    o.addProperty("cell", s.cell());
    o.addProperty("vocabSize", s.vocabSize());
    o.addProperty("features", s.features());
    o.addProperty("outputs", s.outputs());
    o.addProperty("embed", s.embed());
    o.addProperty("hidden", s.hidden());
    o.addProperty("layers", s.layers());
    o.addProperty("dropout", s.dropout());
    o.addProperty("tied", s.tied());
    JsonObject opts = new JsonObject();
    s.cellOptions().values().forEach(opts::addProperty);
    o.add("cellOptions", opts);
    return o;
  }

  /**
   * Parses a spec written by {@link #toJson} (or the first milestone's form).
   *
   * @throws JsonParseException naming the field that is missing, unknown or of the wrong type
   * @throws io.recur.core.InvalidInputException if the values do not make a valid spec
   */
  public static ModelSpec fromJson(JsonElement e) {
    if (e == null || !e.isJsonObject()) {
      throw new JsonParseException("the model spec is not a JSON object");
    }
    JsonObject o = e.getAsJsonObject();
    boolean v1 = !o.has("task");
    Json.requireFields(o, v1 ? FIELDS_V1 : FIELDS, "model spec");
    ModelSpec.Builder b = ModelSpec.builder()
        .cell(Json.string(o, "cell"))
        .vocabSize(Json.integer(o, "vocabSize"))
        .embed(Json.integer(o, "embed"))
        .hidden(Json.integer(o, "hidden"))
        .layers(Json.integer(o, "layers"))
        .dropout(Json.number(o, "dropout"));
    if (v1) {
      double forgetBias = Json.number(o, "forgetBias");
      return b.cellOptions(forgetBias == 0 ? CellOptions.none()
          : CellOptions.none().with("forget_bias", Float.toString((float) forgetBias))).build();
    }
    String task = Json.string(o, "task");
    if (!task.equals("language") && !task.equals("series")) {
      throw new JsonParseException("unknown model task '" + task + "'");
    }
    JsonElement opts = o.get("cellOptions");
    if (!opts.isJsonObject()) {
      throw new JsonParseException("\"cellOptions\" is not an object");
    }
    Map<String, String> options = new TreeMap<>();
    for (Map.Entry<String, JsonElement> kv : opts.getAsJsonObject().entrySet()) {
      options.put(kv.getKey(), Json.string(opts.getAsJsonObject(), kv.getKey()));
    }
    return b.task(ModelSpec.Task.valueOf(task.toUpperCase(Locale.ROOT)))
        .features(Json.integer(o, "features"))
        .outputs(Json.integer(o, "outputs"))
        .tied(Json.bool(o, "tied"))
        .cellOptions(new CellOptions(options))
        .build();
  }
}
