package io.recur.core.inference;

import io.recur.core.InvalidInputException;
import io.recur.core.backend.InferenceModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.sequence.DataSpec;
import io.recur.core.sequence.SeriesData;
import io.recur.core.sequence.TextData;

/** A model ready to use: what it is, what it reads ({@link DataSpec}), and the engine that runs it. */
public record LoadedModel(ModelSpec spec, DataSpec data, InferenceModel model) implements AutoCloseable {
  /** A language model's text pipeline and vocabulary. */
  public TextData text() {
    if (data instanceof TextData t) {
      return t;
    }
    throw new InvalidInputException("this is a series model; it reads values, not text; use 'recur forecast --model'");
  }

  /** A series model's lags, columns and scaling. */
  public SeriesData series() {
    if (data instanceof SeriesData s) {
      return s;
    }
    throw new InvalidInputException("this is a language model; it reads text, not series; use 'recur generate' or 'recur eval'");
  }

  @Override
  public void close() {
    model.close();
  }
}
