package io.recur.core.checkpoint;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ModelSpecJson;
import io.recur.core.ops.Initializers;
import io.recur.core.optim.Optimizer;
import io.recur.core.sequence.DataSpec;
import io.recur.core.sequence.SeriesData;
import io.recur.core.sequence.TextData;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;
import io.recur.core.train.EpochReport;
import io.recur.core.train.TrainingConfig;
import io.recur.core.util.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The manifest {@code checkpoint.json}: its JSON form and its strict reading into validated
 * values. Format 3 opens with the SHA-256 of the bytes that follow its first line ({@code
 * "sha256": "…"} is the first field), so any changed byte is detected before anything is parsed;
 * formats 1 and 2 (no checksum) are still read, as strictly. Every section — spec, text spec,
 * vocabulary or series data, file references, optimizer, training configuration, history,
 * provenance — must have exactly its fields with the right types and valid values; failures are
 * {@link JsonParseException}s or {@link IllegalArgumentException}s naming the field.
 */
final class Manifest {
  static final String FORMAT = "recur-checkpoint";
  static final int VERSION = 3;
  private static final String CHECKSUM_OPEN = "{\n  \"sha256\": \"";
  private static final String CHECKSUM_CLOSE = "\",\n";
  private static final int HEX = 64;
  private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting().create();
  private static final Pattern DATA_FILE = Pattern.compile("(params|optimizer)-[0-9]{6,}(-[A-Za-z0-9_]+)?\\.bin");
  private static final Pattern CRC = Pattern.compile("[0-9a-f]{1,8}");
  private static final Set<String> TOP = Set.of("format", "version", "serial", "spec", "params", "optimizer", "history",
      "provenance");
  private static final Set<String> TRAINING = Set.of("epochs", "batchSize", "steps", "partition", "optimizer",
      "learningRate", "clip", "lrDecay", "decayAfter", "init", "seed");
  private static final Set<String> PROVENANCE_V1 = Set.of("recur", "backend", "backendDescription", "jdk", "os", "arch",
      "created");
  private static final Set<String> PROVENANCE = union(PROVENANCE_V1, Set.of("threads", "fused"));

  /** A data file the manifest names, with its size and CRC32. */
  record FileRef(String file, long bytes, long crc32) {}

  /** A parsed manifest: the checkpoint's values and the data files to load for it. */
  record Parsed(long serial, int version, ModelSpec spec, DataSpec data, FileRef params, String optimizer, long step,
      Map<String, FileRef> slots, TrainingConfig training, List<EpochReport> history, Provenance provenance) {
    /** Every data file this manifest names. */
    Set<String> files() {
      Set<String> s = new HashSet<>();
      s.add(params.file());
      slots.values().forEach(f -> s.add(f.file()));
      return s;
    }
  }

  private Manifest() {}

  /** The manifest text of {@code c} whose data files are {@code params} and {@code slots}, with its checksum line. */
  static String encode(long serial, Checkpoint c, FileRef params, Map<String, FileRef> slots) {
    JsonObject m = new JsonObject();
    m.addProperty("format", FORMAT);
    m.addProperty("version", VERSION);
    m.addProperty("serial", serial);
    m.add("spec", ModelSpecJson.toJson(c.spec()));
    if (c.data() instanceof TextData t) {
      m.add("text", GSON.toJsonTree(t.text()));
      m.add("vocab", t.vocab().toJson());
    } else if (c.data() instanceof SeriesData sd) {
      m.add("series", sd.toJson());
    }
    m.add("params", ref(params));
    JsonObject opt = new JsonObject();
    opt.addProperty("name", c.optimizer().optimizer());
    opt.addProperty("step", c.optimizer().step());
    JsonObject s = new JsonObject();
    slots.forEach((k, v) -> s.add(k, ref(v)));
    opt.add("slots", s);
    m.add("optimizer", opt);
    if (c.training() != null) {
      m.add("training", GSON.toJsonTree(c.training()));
    }
    m.add("history", HistoryJson.toJson(c.history()));
    m.add("provenance", GSON.toJsonTree(c.provenance()));
    String body = GSON.toJson(m);
    if (!body.startsWith("{\n")) {
      throw new IllegalStateException("unexpected JSON layout");
    }
    return CHECKSUM_OPEN + sha256(body) + CHECKSUM_CLOSE + body.substring(2);
  }

  /**
   * Verifies and parses a manifest's text.
   *
   * @throws JsonParseException if the checksum does not match or anything is missing, unknown or of the wrong type
   * @throws IllegalArgumentException if values are out of range or do not fit together
   */
  static Parsed decode(String text) {
    String body;
    boolean checked = text.startsWith(CHECKSUM_OPEN);
    if (checked) {
      int close = CHECKSUM_OPEN.length() + HEX;
      if (!text.startsWith(CHECKSUM_CLOSE, close)) {
        throw new JsonParseException("its checksum line is damaged");
      }
      body = "{\n" + text.substring(close + CHECKSUM_CLOSE.length());
      if (!text.substring(CHECKSUM_OPEN.length(), close).equals(sha256(body))) {
        throw new JsonParseException("its SHA-256 does not match its content: it was changed or damaged after writing");
      }
    } else {
      body = text;
    }
    JsonElement root = Json.parse(body);
    if (!root.isJsonObject()) {
      throw new JsonParseException("it is not a JSON object");
    }
    JsonObject m = root.getAsJsonObject();
    if (!m.has("format") || !FORMAT.equals(Json.string(m, "format"))) {
      throw new JsonParseException("it is not a Recur checkpoint manifest (no \"format\": \"" + FORMAT + "\")");
    }
    int version = Json.integer(m, "version");
    if (version > VERSION) {
      throw new NewerFormatException(version);
    }
    if (version < 1 || checked != (version >= 3)) {
      throw new JsonParseException(checked ? "format version " + version + " cannot carry a checksum"
          : "format version " + version + " lacks its checksum line");
    }
    boolean series = m.has("series");
    Set<String> fields = union(TOP, series ? Set.of("series") : Set.of("text", "vocab"));
    Json.requireFields(m, m.has("training") ? union(fields, Set.of("training")) : fields, "checkpoint manifest");
    long serial = Json.whole(m, "serial");
    if (serial < 1) {
      throw new JsonParseException("\"serial\" must be >= 1 (got " + serial + ")");
    }
    ModelSpec spec = ModelSpecJson.fromJson(m.get("spec"));
    DataSpec data = series ? SeriesData.fromJson(m.get("series"))
        : new TextData(textSpec(Json.object(m, "text")), Vocab.fromJson(Json.object(m, "vocab")));
    Checkpoint.checkConsistent(spec, data);
    FileRef params = fileRef(Json.object(m, "params"), "params");
    JsonObject opt = Json.object(m, "optimizer");
    Json.requireFields(opt, Set.of("name", "step", "slots"), "optimizer");
    String name = Json.string(opt, "name");
    List<String> slotNames = Optimizer.named(name).slots();
    long step = Json.whole(opt, "step");
    if (step < 0) {
      throw new JsonParseException("optimizer \"step\" must be >= 0 (got " + step + ")");
    }
    Map<String, FileRef> slots = new LinkedHashMap<>();
    JsonObject so = Json.object(opt, "slots");
    for (String k : so.keySet()) {
      if (!slotNames.contains(k)) {
        throw new JsonParseException("optimizer " + name + " has no slot \"" + k + "\" (it has " + slotNames + ")");
      }
      slots.put(k, fileRef(Json.object(so, k), "slot " + k));
    }
    if (step > 0 && slots.size() != slotNames.size()) {
      throw new JsonParseException("optimizer " + name + " after " + step + " steps needs the slots " + slotNames
          + " but the manifest names " + slots.keySet());
    }
    TrainingConfig training = m.has("training") ? training(Json.object(m, "training")) : null;
    List<EpochReport> history = HistoryJson.fromJson(m.get("history"), version);
    Provenance provenance = provenance(Json.object(m, "provenance"), version);
    return new Parsed(serial, version, spec, data, params, name, step, slots, training, history, provenance);
  }

  /** A manifest of a format newer than this code reads. */
  static final class NewerFormatException extends JsonParseException {
    private static final long serialVersionUID = 1L;
    final int version;

    NewerFormatException(int version) {
      super("format version " + version);
      this.version = version;
    }
  }

  static FileRef fileRef(String file, byte[] bytes) {
    return new FileRef(file, bytes.length, ArrayFile.crc(bytes));
  }

  private static JsonObject ref(FileRef f) {
    JsonObject o = new JsonObject();
    o.addProperty("file", f.file());
    o.addProperty("bytes", f.bytes());
    o.addProperty("crc32", Long.toHexString(f.crc32()));
    return o;
  }

  private static FileRef fileRef(JsonObject o, String what) {
    Json.requireFields(o, Set.of("file", "bytes", "crc32"), what + " file reference");
    String file = Json.string(o, "file");
    if (!DATA_FILE.matcher(file).matches()) {
      throw new JsonParseException(what + " names an illegal data file '" + file + "'");
    }
    long bytes = Json.whole(o, "bytes");
    String crc = Json.string(o, "crc32");
    if (bytes < 0 || !CRC.matcher(crc).matches()) {
      throw new JsonParseException(what + " has a bad size " + bytes + " or CRC32 '" + crc + "'");
    }
    return new FileRef(file, bytes, Long.parseLong(crc, 16));
  }

  private static TextSpec textSpec(JsonObject o) {
    Json.requireFields(o, Set.of("preprocess", "tokenizer"), "text spec");
    return new TextSpec(Json.string(o, "preprocess"), Json.string(o, "tokenizer"));
  }

  private static TrainingConfig training(JsonObject o) {
    Json.requireFields(o, TRAINING, "training configuration");
    Initializers.Scheme init;
    try {
      init = Initializers.Scheme.valueOf(Json.string(o, "init"));
    } catch (IllegalArgumentException e) {
      throw new JsonParseException("unknown \"init\" '" + Json.string(o, "init") + "'");
    }
    return new TrainingConfig(Json.integer(o, "epochs"), Json.integer(o, "batchSize"), Json.integer(o, "steps"),
        Json.string(o, "partition"), Json.string(o, "optimizer"), Json.number(o, "learningRate"), Json.number(o, "clip"),
        Json.number(o, "lrDecay"), Json.integer(o, "decayAfter"), init, Json.whole(o, "seed"));
  }

  private static Provenance provenance(JsonObject o, int version) {
    Json.requireFields(o, version >= 3 ? PROVENANCE : PROVENANCE_V1, "provenance");
    String[] s = new String[PROVENANCE_V1.size()];
    int i = 0;
    for (String k : List.of("recur", "backend", "backendDescription", "jdk", "os", "arch", "created")) {
      s[i++] = Json.string(o, k);
    }
    if (version < 3) {
      return new Provenance(s[0], s[1], s[2], s[3], s[4], s[5], s[6]);
    }
    return new Provenance(s[0], s[1], s[2], s[3], s[4], s[5], s[6], Json.integer(o, "threads"), Json.string(o, "fused"));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> s = new HashSet<>(a);
    s.addAll(b);
    return Set.copyOf(s);
  }
}
