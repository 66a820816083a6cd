package io.recur.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonParseException;
import io.recur.core.cell.CellOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSpecJsonTest {
  @Test
  void everyFieldRoundTrips() {
    ModelSpec lm = ModelSpec.builder().cell("lstm").vocabSize(30).embed(16).hidden(16).layers(2).dropout(0.25).tied(true)
        .cellOptions(CellOptions.parse(List.of("forget_bias=1", "x=y"))).build();
    assertEquals(lm, ModelSpecJson.fromJson(ModelSpecJson.toJson(lm)));
    ModelSpec series = ModelSpec.builder().cell(ModelSpec.LINEAR).layers(0).hidden(8).series(12, 3).build();
    assertEquals(series, ModelSpecJson.fromJson(ModelSpecJson.toJson(series)));
  }

  @Test
  void theFirstMilestonesFormReadsAsALanguageModelWithTheForgetBiasAsACellOption() {
    JsonObject v1 = JsonParser.parseString("{\"cell\":\"lstm\",\"vocabSize\":5,\"embed\":3,\"hidden\":4,\"layers\":2,"
        + "\"dropout\":0.0,\"forgetBias\":1.0}").getAsJsonObject();
    ModelSpec s = ModelSpecJson.fromJson(v1);
    assertEquals(ModelSpec.Task.LANGUAGE, s.task());
    assertEquals(1.0, s.cellOptions().number("forget_bias", 0));
    v1.addProperty("forgetBias", 0.0);
    assertTrue(ModelSpecJson.fromJson(v1).cellOptions().isEmpty());
  }

  @Test
  void damageIsRefusedNamingTheField() {
    JsonObject good = ModelSpecJson.toJson(ModelSpec.builder().vocabSize(5).build());
    JsonObject missing = good.deepCopy();
    missing.remove("hidden");
    assertTrue(assertThrows(JsonParseException.class, () -> ModelSpecJson.fromJson(missing)).getMessage().contains("hidden"));
    JsonObject unknown = good.deepCopy();
    unknown.addProperty("hiddem", 3);
    assertTrue(assertThrows(JsonParseException.class, () -> ModelSpecJson.fromJson(unknown)).getMessage().contains("hiddem"));
    JsonObject fraction = good.deepCopy();
    fraction.addProperty("layers", 1.5);
    assertTrue(assertThrows(JsonParseException.class, () -> ModelSpecJson.fromJson(fraction)).getMessage().contains("layers"));
    JsonObject text = good.deepCopy();
    text.addProperty("tied", "yes");
    assertTrue(assertThrows(JsonParseException.class, () -> ModelSpecJson.fromJson(text)).getMessage().contains("tied"));
    JsonObject task = good.deepCopy();
    task.addProperty("task", "poetry");
    assertThrows(JsonParseException.class, () -> ModelSpecJson.fromJson(task));
  }
}
