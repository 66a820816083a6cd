package io.recur.core.inference;

import io.recur.core.backend.InferenceModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;

/** A model ready to use: what it is, how it reads text, its vocabulary, and the engine that runs it. */
public record LoadedModel(ModelSpec spec, TextSpec text, Vocab vocab, InferenceModel model) implements AutoCloseable {
  @Override
  public void close() {
    model.close();
  }
}
