package io.recur.backend.onnx.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import io.recur.core.InvalidInputException;
import io.recur.core.checkpoint.Provenance;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ModelSpecJson;
import io.recur.core.sequence.SeriesData;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an exported model says about itself in ONNX {@code metadata_props}, each value JSON:
 * {@code recur.format} (the marker that tells Recur's files from other ONNX files: {@value #FORMAT}
 * or {@value #SERIES_FORMAT}, by the spec's task), {@code recur.format_version},
 * {@code recur.spec} ({@link ModelSpec}), {@code recur.signature} ({@link ModelSignature}), what
 * the model reads — {@code recur.text} ({@link TextSpec}) and {@code recur.vocab} ({@link Vocab}),
 * or {@code recur.series} ({@link SeriesData}: τ, columns, scaling, differences) —,
 * {@code recur.provenance} ({@link Provenance}) and, from version 2, {@code recur.sha256}
 * ({@link #checksum}): a flipped byte anywhere in the graph, its weights or this metadata is refused
 * instead of run.
 */
public final class RecurMetadata {
  public static final String FORMAT_KEY = "recur.format";
  public static final String FORMAT = "recur-language-model";
  public static final String SERIES_FORMAT = "recur-series-model";
  public static final String VERSION_KEY = "recur.format_version";
  public static final int VERSION = 2;
  /** The SHA-256 of the model (graph, weights, versions) and every other metadata entry; required from version 2. */
  public static final String CHECKSUM = "recur.sha256";
  public static final String SPEC = "recur.spec";
  public static final String SIGNATURE = "recur.signature";
  public static final String TEXT = "recur.text";
  public static final String VOCAB = "recur.vocab";
  public static final String SERIES = "recur.series";
  public static final String PROVENANCE = "recur.provenance";

  private static final Gson GSON = new Gson();

  private RecurMetadata() {}

  /** The entries every Recur model carries: the format marker, the architecture and the signature. */
  public static Map<String, String> model(ModelSpec spec, ModelSignature signature) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(FORMAT_KEY, format(spec.task()));
    m.put(VERSION_KEY, Integer.toString(VERSION));
    m.put(SPEC, GSON.toJson(ModelSpecJson.toJson(spec)));
    m.put(SIGNATURE, GSON.toJson(signature.toJson()));
    return m;
  }

  /** The entries a model file needs to be used on text: tokenisation, vocabulary, where it came from. */
  public static Map<String, String> text(TextSpec text, Vocab vocab, Provenance provenance) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(TEXT, GSON.toJson(text));
    m.put(VOCAB, GSON.toJson(vocab.toJson()));
    m.put(PROVENANCE, GSON.toJson(provenance));
    return m;
  }

  /** The entries a series model file needs: its lags, columns and scaling, where it came from. */
  public static Map<String, String> series(SeriesData series, Provenance provenance) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(SERIES, GSON.toJson(series.toJson()));
    m.put(PROVENANCE, GSON.toJson(provenance));
    return m;
  }

  /** The format marker of a model of {@code task}. */
  public static String format(ModelSpec.Task task) {
    return task == ModelSpec.Task.LANGUAGE ? FORMAT : SERIES_FORMAT;
  }

  /**
   * Checks that {@code props} are a Recur model's, of a version this code reads.
   *
   * @param source the file, for messages
   */
  public static void check(Map<String, String> props, String source) {
    String format = props.get(FORMAT_KEY);
    if (!FORMAT.equals(format) && !SERIES_FORMAT.equals(format)) {
      throw new InvalidInputException(source + " is an ONNX model but not a Recur model (its metadata has no "
          + FORMAT_KEY + " = " + FORMAT + " or " + SERIES_FORMAT + "); Recur runs the models it exported: "
          + "recur export --model DIR --format onnx");
    }
    int version = parse(props, VERSION_KEY, source, JsonElement::getAsInt);
    if (version > VERSION) {
      throw new InvalidInputException(source + " has Recur ONNX format version " + version + "; this Recur reads up to "
          + VERSION + "; upgrade Recur");
    }
  }

  /**
   * The SHA-256 (hex) of {@code model}'s serialised bytes without its metadata (graph, weights, IR
   * and opset versions, producer) followed by every metadata entry of {@code props} but
   * {@link #CHECKSUM}, sorted by key, each as key, NUL, value, NUL.
   */
  public static String checksum(ModelProto model, Map<String, String> props) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(model.toBuilder().clearMetadataProps().build().toByteArray());
      for (Map.Entry<String, String> e : new TreeMap<>(props).entrySet()) {
        if (!e.getKey().equals(CHECKSUM)) {
          d.update((e.getKey() + "\0" + e.getValue() + "\0").getBytes(StandardCharsets.UTF_8));
        }
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /**
   * Refuses a model whose {@link #CHECKSUM} does not match its graph and metadata (or that lacks one
   * at a version that requires it).
   */
  public static void verify(ModelProto model, Map<String, String> props, String source) {
    String recorded = props.get(CHECKSUM);
    if (recorded == null) {
      if (parse(props, VERSION_KEY, source, JsonElement::getAsInt) >= 2) {
        throw new InvalidInputException(source + " lacks its checksum (" + CHECKSUM + "): the file is damaged; export the model again");
      }
      return;
    }
    if (!recorded.equals(checksum(model, props))) {
      throw new InvalidInputException(source + " is damaged: its weights, graph or metadata do not match the checksum it was "
          + "written with; copy or export the model again");
    }
  }

  public static ModelSpec spec(Map<String, String> props, String source) {
    return parse(props, SPEC, source, ModelSpecJson::fromJson);
  }

  /**
   * The spec, checked against the format marker ({@link #check} first).
   *
   * @throws InvalidInputException if the marker names the other task
   */
  public static ModelSpec checkedSpec(Map<String, String> props, String source) {
    ModelSpec spec = spec(props, source);
    if (!format(spec.task()).equals(props.get(FORMAT_KEY))) {
      throw new InvalidInputException(source + " is marked " + props.get(FORMAT_KEY) + " but holds a "
          + spec.task().name().toLowerCase(Locale.ROOT) + " model; the file is inconsistent — export it again");
    }
    return spec;
  }

  public static ModelSignature signature(Map<String, String> props, ModelSpec.Task task, String source) {
    return parse(props, SIGNATURE, source, j -> ModelSignature.fromJson(task, j));
  }

  public static TextSpec text(Map<String, String> props, String source) {
    return parse(props, TEXT, source, j -> GSON.fromJson(j, TextSpec.class));
  }

  public static Vocab vocab(Map<String, String> props, String source) {
    return parse(props, VOCAB, source, j -> Vocab.fromJson(j.getAsJsonObject()));
  }

  public static SeriesData series(Map<String, String> props, String source) {
    return parse(props, SERIES, source, SeriesData::fromJson);
  }

  public static Provenance provenance(Map<String, String> props, String source) {
    return parse(props, PROVENANCE, source, j -> GSON.fromJson(j, Provenance.class));
  }

  private interface Decoder<T> {
    T decode(JsonElement json);
  }

  private static <T> T parse(Map<String, String> props, String key, String source, Decoder<T> decoder) {
    String text = props.get(key);
    if (text == null) {
      throw new InvalidInputException(source + " lacks the metadata entry " + key
          + " that Recur's exporter writes; re-export the model with recur export");
    }
    try {
      T value = decoder.decode(GSON.fromJson(text, JsonElement.class));
      if (value == null) {
        throw new JsonParseException("empty");
      }
      return value;
    } catch (RuntimeException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof InvalidInputException invalid) {
          throw new InvalidInputException(source + " has an invalid metadata entry " + key + ": " + invalid.getMessage(), e);
        }
      }
      throw new InvalidInputException(source + " has a damaged metadata entry " + key + " (" + e.getMessage()
          + "); re-export the model with recur export", e);
    }
  }
}
