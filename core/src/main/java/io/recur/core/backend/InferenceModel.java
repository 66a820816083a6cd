package io.recur.core.backend;

import io.recur.core.model.ModelSpec;

/**
 * A loaded model ready to run: immutable, thread-safe, shared by many sessions. Each thread
 * opens its own {@link InferenceSession}.
 */
public interface InferenceModel extends AutoCloseable {
  ModelSpec spec();

  /** The backend running it ({@code nd4j}, {@code onnx}). */
  String backend();

  /** A new session of {@code batch} independent rows, all starting from zero state. */
  InferenceSession newSession(int batch);

  @Override
  void close();
}
