package io.recur.core.sequence;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.recur.core.InvalidInputException;
import io.recur.core.util.AtomicFiles;
import io.recur.core.util.Json;
import io.recur.core.util.TextFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A vocabulary: tokens ↔ indices, both ways, with the training frequency of each token.
 * Unknown tokens map to {@code <unk>}. The order is fixed by whoever builds it (the data
 * module's builder documents its order); this class only keeps it. Immutable and thread-safe.
 */
public final class Vocab {
  public static final String UNK = "<unk>";

  private final List<String> tokens;
  private final long[] counts;
  private final Map<String, Integer> index;
  private final int unk;

  /**
   * @param tokens distinct tokens in index order; must contain {@code <unk>}
   * @param counts training frequency of each token (same length)
   */
  public Vocab(List<String> tokens, long[] counts) {
    if (tokens.size() != counts.length) {
      throw new IllegalArgumentException(tokens.size() + " tokens but " + counts.length + " counts");
    }
    Map<String, Integer> idx = new HashMap<>(tokens.size() * 2);
    for (int i = 0; i < tokens.size(); i++) {
      if (idx.put(tokens.get(i), i) != null) {
        throw new InvalidInputException("vocabulary lists token '" + tokens.get(i) + "' twice");
      }
    }
    Integer u = idx.get(UNK);
    if (u == null) {
      throw new InvalidInputException("vocabulary has no " + UNK + " token");
    }
    this.tokens = List.copyOf(tokens);
    this.counts = counts.clone();
    this.index = Collections.unmodifiableMap(idx);
    this.unk = u;
  }

  public int size() {
    return tokens.size();
  }

  /** The index of {@code token}, or of {@code <unk>} if it is not in the vocabulary. */
  public int indexOf(String token) {
    Integer i = index.get(token);
    return i == null ? unk : i;
  }

  public boolean contains(String token) {
    return index.containsKey(token);
  }

  public int[] indicesOf(List<String> ts) {
    int[] out = new int[ts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = indexOf(ts.get(i));
    }
    return out;
  }

  public String token(int index) {
    if (index < 0 || index >= tokens.size()) {
      throw new IndexOutOfBoundsException("token index " + index + " outside the vocabulary of " + tokens.size());
    }
    return tokens.get(index);
  }

  public List<String> tokensOf(int[] indices) {
    List<String> out = new ArrayList<>(indices.length);
    for (int i : indices) {
      out.add(token(i));
    }
    return out;
  }

  /** All tokens in index order. */
  public List<String> tokens() {
    return tokens;
  }

  public long count(int index) {
    return counts[index];
  }

  public long count(String token) {
    Integer i = index.get(token);
    return i == null ? 0 : counts[i];
  }

  public int unknownIndex() {
    return unk;
  }

  /** The distinct tokens of {@code ts} that this vocabulary lacks (they would map to {@code <unk>}). */
  public Set<String> missing(Collection<String> ts) {
    Set<String> out = new LinkedHashSet<>();
    for (String t : ts) {
      if (!index.containsKey(t)) {
        out.add(t);
      }
    }
    return out;
  }

  public JsonObject toJson() {
    JsonObject o = new JsonObject();
    JsonArray ts = new JsonArray();
    JsonArray cs = new JsonArray();
    for (int i = 0; i < tokens.size(); i++) {
      ts.add(tokens.get(i));
      cs.add(counts[i]);
    }
    o.add("tokens", ts);
    o.add("counts", cs);
    return o;
  }

  /**
   * Parses {@link #toJson} strictly: exactly the fields {@code tokens} (strings) and {@code counts}
   * (whole numbers >= 0), of one length.
   *
   * @throws InvalidInputException naming what is wrong
   */
  public static Vocab fromJson(JsonObject o) {
    try {
      Json.requireFields(o, Set.of("tokens", "counts"), "vocabulary");
      JsonArray ts = Json.array(o, "tokens");
      JsonArray cs = Json.array(o, "counts");
      if (ts.size() != cs.size()) {
        throw new JsonParseException(ts.size() + " tokens but " + cs.size() + " counts");
      }
      List<String> tokens = new ArrayList<>(ts.size());
      long[] counts = new long[ts.size()];
      for (int i = 0; i < ts.size(); i++) {
        JsonElement t = ts.get(i);
        if (!t.isJsonPrimitive() || !t.getAsJsonPrimitive().isString()) {
          throw new JsonParseException("token " + i + " is not a string");
        }
        tokens.add(t.getAsString());
        counts[i] = Json.whole(cs.get(i), "count " + i);
        if (counts[i] < 0) {
          throw new JsonParseException("count " + i + " is negative");
        }
      }
      return new Vocab(tokens, counts);
    } catch (JsonParseException e) {
      throw new InvalidInputException("malformed vocabulary (expected {\"tokens\": [...], \"counts\": [...]}): " + e.getMessage(), e);
    }
  }

  /** Writes the vocabulary as JSON, atomically. */
  public void save(Path file) throws IOException {
    AtomicFiles.writeString(file, new Gson().toJson(toJson()));
  }

  /** The largest vocabulary file read. */
  public static final long MAX_FILE_BYTES = 256L << 20;

  /** Reads a file written by {@link #save} ({@link TextFiles}, {@link Json#parse}, {@link #fromJson}). */
  public static Vocab load(Path file) {
    String text = TextFiles.readUtf8(file, MAX_FILE_BYTES, "vocabulary file", "pass a vocabulary file written by Recur");
    try {
      JsonElement e = Json.parse(text);
      if (!e.isJsonObject()) {
        throw new JsonParseException("not a JSON object");
      }
      return fromJson(e.getAsJsonObject());
    } catch (JsonParseException | InvalidInputException e) {
      throw new InvalidInputException("vocabulary file " + file + " is not a Recur vocabulary: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Vocab v && tokens.equals(v.tokens) && java.util.Arrays.equals(counts, v.counts);
  }

  @Override
  public int hashCode() {
    return tokens.hashCode();
  }

  @Override
  public String toString() {
    return "Vocab(" + tokens.size() + " tokens)";
  }
}
