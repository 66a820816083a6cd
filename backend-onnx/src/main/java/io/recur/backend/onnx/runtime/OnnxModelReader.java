package io.recur.backend.onnx.runtime;

import com.google.inject.Inject;
import io.recur.backend.onnx.export.RecurMetadata;
import io.recur.core.InvalidInputException;
import io.recur.core.config.RecurConfig;
import io.recur.core.inference.LoadedModel;
import io.recur.core.inference.ModelFileReader;
import io.recur.core.model.ModelSpec;
import io.recur.core.sequence.SeriesData;
import io.recur.core.sequence.TextData;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens {@code .onnx} files written by Recur's exporter on ONNX Runtime: the architecture and what
 * the model reads (text spec and vocabulary, or the series' lags, columns and scaling) come from
 * the file's metadata, so no checkpoint and no custom cell class is needed to run it.
 */
final class OnnxModelReader implements ModelFileReader {
  private final RecurConfig config;

  @Inject
  OnnxModelReader(RecurConfig config) {
    this.config = config;
  }

  @Override
  public LoadedModel read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("model file " + file + " does not exist or is not a file; pass a .onnx file written by recur export");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read model file " + file + ": " + e.getMessage(), e);
    }
    String source = file.toString();
    OrtModel model = OrtModel.open(bytes, source, OrtRuntime.threads(config.threads()));
    try {
      ModelSpec spec = model.spec();
      if (spec.task() == ModelSpec.Task.SERIES) {
        SeriesData series = RecurMetadata.series(model.metadata(), source);
        if (series.features() != spec.features() || series.variables() != spec.outputs()) {
          throw new InvalidInputException(source + " has series data of tau " + series.tau() + " over " + series.variables()
              + " columns but a model reading " + spec.features() + " and predicting " + spec.outputs()
              + " values per step; the file is inconsistent — export it again");
        }
        return new LoadedModel(spec, series, model);
      }
      TextSpec text = RecurMetadata.text(model.metadata(), source);
      Vocab vocab = RecurMetadata.vocab(model.metadata(), source);
      if (vocab.size() != spec.vocabSize()) {
        throw new InvalidInputException(source + " has a vocabulary of " + vocab.size() + " tokens but a model for "
            + spec.vocabSize() + "; the file is inconsistent — export it again");
      }
      return new LoadedModel(spec, new TextData(text, vocab), model);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }
}
