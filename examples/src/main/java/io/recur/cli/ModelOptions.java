package io.recur.cli;

import com.google.inject.Injector;
import io.recur.core.backend.Backend;
import io.recur.core.backend.BackendSelector;
import io.recur.core.inference.LoadedModel;
import io.recur.core.inference.ModelLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code --model DIR|FILE.onnx} option of the commands that use a trained model, with the
 * backend options it runs under: a checkpoint directory runs on {@code --backend} (default from
 * configuration, else {@code nd4j}); a model file runs on the backend of its format — an
 * {@code .onnx} file on ONNX Runtime, whatever {@code --backend} says.
 */
final class ModelOptions {
  @Option(names = "--model", required = true, paramLabel = "DIR|FILE.onnx",
      description = "A checkpoint directory (written by recur train --out) or a model file written by recur export.")
  Path model;

  @Mixin
  BackendOptions backend;

  /** The path given with {@code --model}. */
  Path path() {
    return model;
  }

  /**
   * Loads the model with its own text pipeline; the caller closes it. A {@code --backend} that a
   * model file overrides gets one note on {@code err}.
   *
   * @throws io.recur.core.InvalidInputException if the path is missing, not a checkpoint, or not a
   *     readable model file
   */
  TextModel open(PrintWriter err) {
    Injector injector = backend.injector();
    LoadedModel loaded = injector.getInstance(ModelLoader.class).load(model);
    try {
      String engine = loaded.model().backend();
      if (backend.backend != null && !backend.backend.equals(engine) && !Files.isDirectory(model)) {
        err.println("recur: note: " + model.getFileName() + " runs on its format's backend '" + engine
            + "'; --backend " + backend.backend + " applies to checkpoint directories only");
      }
      Backend runner = injector.getInstance(BackendSelector.class).select(engine);
      return new TextModel(loaded, runner);
    } catch (RuntimeException e) {
      loaded.close();
      throw e;
    }
  }
}
