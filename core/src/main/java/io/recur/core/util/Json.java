package io.recur.core.util;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict reading of the JSON Recur writes: a field is present with exactly the expected type, a
 * whole number is whole and in range, and an object has no field it should not have. Failures
 * are {@link JsonParseException}s that name the field.
 */
public final class Json {
  private Json() {}

  /** Refuses an object whose fields are not exactly {@code fields}. */
  public static void requireFields(JsonObject o, Set<String> fields, String what) {
    for (String f : fields) {
      if (!o.has(f) || o.get(f).isJsonNull()) {
        throw new JsonParseException(what + " lacks \"" + f + "\"");
      }
    }
    for (String k : o.keySet()) {
      if (!fields.contains(k)) {
        throw new JsonParseException(what + " has an unknown field \"" + k + "\"; expected " + new TreeSet<>(fields));
      }
    }
  }

  private static JsonPrimitive primitive(JsonObject o, String key) {
    JsonElement e = o.get(key);
    if (e == null || !e.isJsonPrimitive()) {
      throw new JsonParseException("\"" + key + "\" is missing or not a value");
    }
    return e.getAsJsonPrimitive();
  }

  public static String string(JsonObject o, String key) {
    JsonPrimitive p = primitive(o, key);
    if (!p.isString()) {
      throw new JsonParseException("\"" + key + "\" is not a string");
    }
    return p.getAsString();
  }

  /** A number, or one of the strings {@code NaN}, {@code Infinity}, {@code -Infinity} Gson writes for them. */
  public static double number(JsonObject o, String key) {
    JsonPrimitive p = primitive(o, key);
    if (p.isNumber()) {
      return p.getAsDouble();
    }
    if (p.isString()) {
      switch (p.getAsString()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw new JsonParseException("\"" + key + "\" is not a number");
  }

  public static long whole(JsonObject o, String key) {
    JsonPrimitive p = primitive(o, key);
    if (!p.isNumber()) {
      throw new JsonParseException("\"" + key + "\" is not a number");
    }
    try {
      return p.getAsBigDecimal().longValueExact();
    } catch (ArithmeticException e) {
      throw new JsonParseException("\"" + key + "\" is not a whole number: " + p.getAsString());
    }
  }

  public static int integer(JsonObject o, String key) {
    long v = whole(o, key);
    if (v != (int) v) {
      throw new JsonParseException("\"" + key + "\" is out of range: " + v);
    }
    return (int) v;
  }

  public static boolean bool(JsonObject o, String key) {
    JsonPrimitive p = primitive(o, key);
    if (!p.isBoolean()) {
      throw new JsonParseException("\"" + key + "\" is not true or false");
    }
    return p.getAsBoolean();
  }
}
