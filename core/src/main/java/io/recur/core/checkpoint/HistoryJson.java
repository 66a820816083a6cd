package io.recur.core.checkpoint;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.recur.core.model.Objective;
import io.recur.core.train.EpochReport;
import io.recur.core.util.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A checkpoint's per-epoch history as JSON, read strictly. Format 2 stores mean losses and the
 * objective; format 1 stored perplexities (read back as cross-entropy losses).
 */
final class HistoryJson {
  private static final Set<String> FIELDS = Set.of("epoch", "objective", "trainLoss", "validationLoss", "learningRate",
      "count", "seconds");
  private static final Set<String> FIELDS_V1 = Set.of("epoch", "trainPerplexity", "validationPerplexity", "learningRate",
      "tokens", "seconds");

  private HistoryJson() {}

  static JsonArray toJson(List<EpochReport> history) {
    JsonArray a = new JsonArray();
    for (EpochReport e : history) {
      JsonObject o = new JsonObject();
      o.addProperty("epoch", e.epoch());
      o.addProperty("objective", e.objective().name().toLowerCase(Locale.ROOT));
      o.addProperty("trainLoss", e.trainLoss());
      o.addProperty("validationLoss", e.validationLoss());
      o.addProperty("learningRate", e.learningRate());
      o.addProperty("count", e.count());
      o.addProperty("seconds", e.seconds());
      a.add(o);
    }
    return a;
  }

  static List<EpochReport> fromJson(JsonElement e, int version) {
    if (e == null || !e.isJsonArray()) {
      throw new JsonParseException("\"history\" is not an array");
    }
    List<EpochReport> out = new ArrayList<>();
    for (JsonElement item : e.getAsJsonArray()) {
      if (!item.isJsonObject()) {
        throw new JsonParseException("a history entry is not an object");
      }
      JsonObject o = item.getAsJsonObject();
      EpochReport r;
      if (version == 1) {
        Json.requireFields(o, FIELDS_V1, "history entry");
        r = new EpochReport(Json.integer(o, "epoch"), Objective.CROSS_ENTROPY, Math.log(Json.number(o, "trainPerplexity")),
            Math.log(Json.number(o, "validationPerplexity")), Json.number(o, "learningRate"), Json.whole(o, "tokens"),
            Json.number(o, "seconds"));
      } else {
        Json.requireFields(o, FIELDS, "history entry");
        r = new EpochReport(Json.integer(o, "epoch"), objective(Json.string(o, "objective")), Json.number(o, "trainLoss"),
            Json.number(o, "validationLoss"), Json.number(o, "learningRate"), Json.whole(o, "count"),
            Json.number(o, "seconds"));
      }
      if (r.epoch() != out.size() + 1) {
        throw new JsonParseException("history entry " + (out.size() + 1) + " says epoch " + r.epoch());
      }
      out.add(r);
    }
    return out;
  }

  private static Objective objective(String s) {
    for (Objective o : Objective.values()) {
      if (o.name().toLowerCase(Locale.ROOT).equals(s)) {
        return o;
      }
    }
    throw new JsonParseException("unknown objective '" + s + "'");
  }
}
