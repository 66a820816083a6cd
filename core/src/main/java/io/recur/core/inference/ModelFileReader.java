package io.recur.core.inference;

import java.nio.file.Path;

/** Opens a model stored as a single file of some format (an {@code .onnx} file), registered by file extension. */
@FunctionalInterface
public interface ModelFileReader {
  /** @throws io.recur.core.InvalidInputException if the file is not a usable model of this format */
  LoadedModel read(Path file);
}
