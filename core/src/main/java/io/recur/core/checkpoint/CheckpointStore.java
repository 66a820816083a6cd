package io.recur.core.checkpoint;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.recur.core.InvalidInputException;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ModelSpecJson;
import io.recur.core.model.ParameterSet;
import io.recur.core.optim.OptimizerState;
import io.recur.core.sequence.DataSpec;
import io.recur.core.sequence.SeriesData;
import io.recur.core.sequence.TextData;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;
import io.recur.core.train.EpochReport;
import io.recur.core.train.TrainingConfig;
import io.recur.core.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes checkpoint directories. Layout: {@code checkpoint.json} (the manifest) and
 * {@code params-N.bin}, {@code optimizer-N.bin} (see {@link ArrayFile}), N increasing with each
 * save. A save writes the new data files, then replaces the manifest by an atomic rename, then
 * deletes data files the manifest no longer names: at every instant the directory holds one
 * complete, loadable checkpoint.
 */
public final class CheckpointStore {
  public static final String MANIFEST = "checkpoint.json";
  static final String FORMAT = "recur-checkpoint";
  static final int VERSION = 2;
  private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting().create();

  private CheckpointStore() {}

  /** Whether {@code dir} looks like a checkpoint directory. */
  public static boolean isCheckpoint(Path dir) {
    return Files.isRegularFile(dir.resolve(MANIFEST));
  }

  public static void write(Path dir, Checkpoint c) throws IOException {
    Files.createDirectories(dir);
    long n = nextSerial(dir);
    String paramsFile = String.format("params-%06d.bin", n);
    byte[] params = ArrayFile.encode(c.params());
    AtomicFiles.write(dir.resolve(paramsFile), out -> out.write(params));

    JsonObject m = new JsonObject();
    m.addProperty("format", FORMAT);
    m.addProperty("version", VERSION);
    m.addProperty("serial", n);
    m.add("spec", ModelSpecJson.toJson(c.spec()));
    if (c.data() instanceof TextData t) {
      m.add("text", GSON.toJsonTree(t.text()));
      m.add("vocab", t.vocab().toJson());
    } else if (c.data() instanceof SeriesData sd) {
      m.add("series", sd.toJson());
    }
    m.add("params", file(paramsFile, params));
    JsonObject opt = new JsonObject();
    opt.addProperty("name", c.optimizer().optimizer());
    opt.addProperty("step", c.optimizer().step());
    JsonObject slots = new JsonObject();
    for (Map.Entry<String, ParameterSet> e : c.optimizer().slots().entrySet()) {
      String f = String.format("optimizer-%06d-%s.bin", n, e.getKey());
      byte[] bytes = ArrayFile.encode(e.getValue());
      AtomicFiles.write(dir.resolve(f), out -> out.write(bytes));
      slots.add(e.getKey(), file(f, bytes));
    }
    opt.add("slots", slots);
    m.add("optimizer", opt);
    if (c.training() != null) {
      m.add("training", GSON.toJsonTree(c.training()));
    }
    m.add("history", HistoryJson.toJson(c.history()));
    m.add("provenance", GSON.toJsonTree(c.provenance()));
    AtomicFiles.writeString(dir.resolve(MANIFEST), GSON.toJson(m));
    deleteUnreferenced(dir, m);
  }

  public static Checkpoint read(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(dir + " is not a directory; pass the checkpoint directory written by 'recur train --out'");
    }
    String text;
    try {
      text = Files.readString(dir.resolve(MANIFEST), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(dir + " is not a Recur checkpoint (no " + MANIFEST + "); pass a directory written by 'recur train --out'");
    }
    try {
      JsonObject m = GSON.fromJson(text, JsonObject.class);
      if (m == null || !FORMAT.equals(str(m, "format"))) {
        throw new InvalidInputException(dir.resolve(MANIFEST) + " is not a Recur checkpoint manifest");
      }
      int version = m.get("version").getAsInt();
      if (version < 1 || version > VERSION) {
        throw new InvalidInputException("checkpoint " + dir + " has format version " + version
            + "; this Recur reads up to " + VERSION + "; upgrade Recur");
      }
      ModelSpec spec = ModelSpecJson.fromJson(m.get("spec"));
      DataSpec data = m.has("series") ? SeriesData.fromJson(m.get("series"))
          : new TextData(GSON.fromJson(m.get("text"), TextSpec.class), Vocab.fromJson(m.getAsJsonObject("vocab")));
      ParameterSet params = readArrays(dir, m.getAsJsonObject("params"));
      JsonObject opt = m.getAsJsonObject("optimizer");
      Map<String, ParameterSet> slots = new LinkedHashMap<>();
      for (Map.Entry<String, JsonElement> e : opt.getAsJsonObject("slots").entrySet()) {
        slots.put(e.getKey(), readArrays(dir, e.getValue().getAsJsonObject()));
      }
      OptimizerState os = new OptimizerState(str(opt, "name"), opt.get("step").getAsLong(), slots);
      TrainingConfig training = m.has("training") ? GSON.fromJson(m.get("training"), TrainingConfig.class) : null;
      List<EpochReport> history = HistoryJson.fromJson(m.get("history"), version);
      Provenance prov = GSON.fromJson(m.get("provenance"), Provenance.class);
      return new Checkpoint(spec, data, params, training, os, history, prov);
    } catch (JsonParseException | NullPointerException | IllegalStateException | UnsupportedOperationException
        | ClassCastException e) {
      throw new InvalidInputException(dir.resolve(MANIFEST) + " is damaged or incomplete (" + e.getMessage()
          + "); use an intact checkpoint", e);
    } catch (IllegalArgumentException e) {
      if (e instanceof InvalidInputException iie) {
        throw iie;
      }
      throw new InvalidInputException(dir.resolve(MANIFEST) + " is inconsistent: " + e.getMessage(), e);
    }
  }

  private static ParameterSet readArrays(Path dir, JsonObject ref) throws IOException {
    String name = str(ref, "file");
    if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
      throw new InvalidInputException("checkpoint manifest names an illegal file '" + name + "'");
    }
    Path f = dir.resolve(name);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(f);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("checkpoint " + dir + " is missing " + name + "; the checkpoint is incomplete — use an intact copy");
    }
    long want = Long.parseLong(str(ref, "crc32"), 16);
    if (ArrayFile.crc(bytes) != want) {
      throw new InvalidInputException("checkpoint file " + f + " is corrupt (CRC32 mismatch); it was damaged after writing — use an intact copy");
    }
    return ArrayFile.decode(bytes, f.toString());
  }

  private static JsonObject file(String name, byte[] bytes) {
    JsonObject o = new JsonObject();
    o.addProperty("file", name);
    o.addProperty("bytes", bytes.length);
    o.addProperty("crc32", Long.toHexString(ArrayFile.crc(bytes)));
    return o;
  }

  private static String str(JsonObject o, String key) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      throw new JsonParseException("missing \"" + key + "\"");
    }
    return e.getAsString();
  }

  private static long nextSerial(Path dir) {
    try {
      JsonObject m = GSON.fromJson(Files.readString(dir.resolve(MANIFEST), StandardCharsets.UTF_8), JsonObject.class);
      return m.get("serial").getAsLong() + 1;
    } catch (IOException | RuntimeException e) {
      return 1;
    }
  }

  private static void deleteUnreferenced(Path dir, JsonObject m) throws IOException {
    Set<String> keep = new HashSet<>();
    keep.add(str(m.getAsJsonObject("params"), "file"));
    for (Map.Entry<String, JsonElement> e : m.getAsJsonObject("optimizer").getAsJsonObject("slots").entrySet()) {
      keep.add(str(e.getValue().getAsJsonObject(), "file"));
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "{params,optimizer}-*.bin")) {
      for (Path p : ds) {
        if (!keep.contains(p.getFileName().toString())) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

}
