package io.recur.core.util;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict reading of the JSON Recur writes: {@link #parse} accepts RFC 8259 JSON only (plus the
 * literals {@code NaN}, {@code Infinity}, {@code -Infinity} Gson writes for special doubles) — no
 * comments, unquoted or single-quoted text, trailing values or repeated keys; a field is present
 * with exactly the expected type, a whole number is whole and in range, and an object has no field
 * it should not have. Failures are {@link JsonParseException}s that name the field or position.
 */
public final class Json {
  private static final Set<String> LITERALS = Set.of("true", "false", "null", "NaN", "Infinity");

  private Json() {}

  /** Parses one JSON value strictly (see the class comment); numbers keep their exact text. */
  public static JsonElement parse(String text) {
    checkGrammar(text);
    try {
      JsonReader r = new JsonReader(new StringReader(text));
      r.setStrictness(Strictness.LENIENT);
      JsonElement e = read(r);
      if (r.peek() != JsonToken.END_DOCUMENT) {
        throw new JsonParseException("text after the JSON value at " + r.getPath());
      }
      return e;
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw new JsonParseException("malformed JSON (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")", e);
    }
  }

  private static JsonElement read(JsonReader r) throws IOException {
    switch (r.peek()) {
      case BEGIN_OBJECT: {
        JsonObject o = new JsonObject();
        r.beginObject();
        while (r.hasNext()) {
          String name = r.nextName();
          if (o.has(name)) {
            throw new JsonParseException("the key \"" + name + "\" appears twice in " + r.getPath());
          }
          o.add(name, read(r));
        }
        r.endObject();
        return o;
      }
      case BEGIN_ARRAY: {
        JsonArray a = new JsonArray();
        r.beginArray();
        while (r.hasNext()) {
          a.add(read(r));
        }
        r.endArray();
        return a;
      }
      case STRING:
        return new JsonPrimitive(r.nextString());
      case NUMBER: {
        String n = r.nextString();
        return new JsonPrimitive(n.equals("NaN") ? Double.NaN : n.endsWith("Infinity")
            ? (n.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : new BigDecimal(n));
      }
      case BOOLEAN:
        return new JsonPrimitive(r.nextBoolean());
      case NULL:
        r.nextNull();
        return JsonNull.INSTANCE;
      default:
        throw new JsonParseException("unexpected " + r.peek() + " at " + r.getPath());
    }
  }

  /**
   * Refuses, outside string literals, anything but JSON's structural characters, numbers and the
   * literals: a comment, a bare word or a single quote is not JSON, however leniently read.
   */
  private static void checkGrammar(String text) {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"') {
        i++;
        while (i < text.length() && text.charAt(i) != '"') {
          i += text.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
      } else if (Character.isLetter(c)) {
        int start = i;
        while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
          i++;
        }
        String word = text.substring(start, i);
        boolean exponent = (word.startsWith("e") || word.startsWith("E")) && start > 0 && Character.isDigit(text.charAt(start - 1))
            && word.substring(1).chars().allMatch(Character::isDigit);
        if (!LITERALS.contains(word) && !exponent) {
          throw new JsonParseException("'" + word + "' at character " + start + " is not JSON");
        }
      } else if (" \t\n\r{}[],:-+.0123456789".indexOf(c) < 0) {
        throw new JsonParseException("'" + c + "' at character " + i + " is not JSON");
      } else {
        i++;
      }
    }
  }

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
    return whole(o.get(key), key);
  }

  /** {@code e} as a whole number; {@code what} names it in messages. */
  public static long whole(JsonElement value, String what) {
    if (value == null || !value.isJsonPrimitive()) {
      throw new JsonParseException("\"" + what + "\" is missing or not a value");
    }
    JsonPrimitive p = value.getAsJsonPrimitive();
    if (!p.isNumber()) {
      throw new JsonParseException("\"" + what + "\" is not a number");
    }
    try {
      return p.getAsBigDecimal().longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new JsonParseException("\"" + what + "\" is not a whole number: " + p.getAsString());
    }
  }

  public static int integer(JsonObject o, String key) {
    long v = whole(o, key);
    if (v != (int) v) {
      throw new JsonParseException("\"" + key + "\" is out of range: " + v);
    }
    return (int) v;
  }

  /** The array field {@code key}. */
  public static JsonArray array(JsonObject o, String key) {
    JsonElement e = o.get(key);
    if (e == null || !e.isJsonArray()) {
      throw new JsonParseException("\"" + key + "\" is missing or not an array");
    }
    return e.getAsJsonArray();
  }

  /** The object field {@code key}. */
  public static JsonObject object(JsonObject o, String key) {
    JsonElement e = o.get(key);
    if (e == null || !e.isJsonObject()) {
      throw new JsonParseException("\"" + key + "\" is missing or not an object");
    }
    return e.getAsJsonObject();
  }

  public static boolean bool(JsonObject o, String key) {
    JsonPrimitive p = primitive(o, key);
    if (!p.isBoolean()) {
      throw new JsonParseException("\"" + key + "\" is not true or false");
    }
    return p.getAsBoolean();
  }
}
