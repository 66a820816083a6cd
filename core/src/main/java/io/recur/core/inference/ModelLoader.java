package io.recur.core.inference;

import com.google.inject.Inject;
import io.recur.core.InvalidInputException;
import io.recur.core.backend.Backend;
import io.recur.core.backend.BackendSelector;
import io.recur.core.backend.Capability;
import io.recur.core.checkpoint.Checkpoint;
import io.recur.core.checkpoint.CheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Loads a model for inference: a checkpoint directory runs on the configured backend (any
 * backend loads any checkpoint); a file runs on the backend its format belongs to
 * ({@code .onnx} → ONNX Runtime).
 */
public final class ModelLoader {
  private final BackendSelector backends;
  private final Map<String, ModelFileReader> formats;

  @Inject
  public ModelLoader(BackendSelector backends, Map<String, ModelFileReader> formats) {
    this.backends = backends;
    this.formats = Map.copyOf(formats);
  }

  /** Loads {@code path} on the configured backend (directories) or its format's backend (files). */
  public LoadedModel load(Path path) {
    return load(path, null);
  }

  /** As {@link #load(Path)}, running checkpoints on the named backend ({@code null}: the configured one). */
  public LoadedModel load(Path path, String backend) {
    if (Files.isDirectory(path)) {
      Checkpoint c;
      try {
        c = CheckpointStore.read(path);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read checkpoint " + path + ": " + e.getMessage(), e);
      }
      Backend b = backend == null ? backends.select() : backends.select(backend);
      if (!b.capabilities().contains(Capability.INFER)) {
        throw new InvalidInputException("backend '" + b.name() + "' cannot run inference; choose another --backend");
      }
      return new LoadedModel(c.spec(), c.data(), b.openInference(c.spec(), c.params()));
    }
    if (!Files.exists(path)) {
      throw new InvalidInputException("model " + path + " does not exist; pass a checkpoint directory or a model file (.onnx)");
    }
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    ModelFileReader reader = formats.get(ext);
    if (reader == null) {
      throw new InvalidInputException("cannot load " + path + ": not a checkpoint directory, and no reader for '."
          + ext + "' files; known model files: " + new TreeSet<>(formats.keySet()));
    }
    return reader.read(path);
  }
}
