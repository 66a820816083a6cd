package io.recur.core.model;

import io.recur.core.InvalidInputException;
import io.recur.core.cell.CellOptions;

/**
 * The architecture of a model, for either task:
 *
 * <ul>
 *   <li>{@link Task#LANGUAGE}: tokens (one-hot when {@code embed == 0}, else an embedding of width
 *       {@code embed}) → {@code layers} recurrent layers of {@code cell} with {@code hidden} units →
 *       a linear projection to {@code vocabSize} logits. {@code tied} makes the projection's weight
 *       the embedding table (needs {@code embed == hidden}).
 *   <li>{@link Task#SERIES}: {@code features} real values per step → {@code layers} recurrent layers
 *       → a linear head to {@code outputs} values. With {@code layers == 0} (cell {@code linear}) the
 *       head reads the inputs directly: a linear autoregressive model.
 * </ul>
 *
 * Dropout ({@code dropout}) applies to the embedding output, between recurrent layers and before
 * the output, during training only. {@code cell} is a registered name ({@code rnn}, {@code rnn-relu},
 * {@code lstm}, {@code gru}, or a user's) or a class name; {@code cellOptions} are its own
 * hyperparameters.
 */
public record ModelSpec(Task task, String cell, int vocabSize, int features, int outputs, int embed, int hidden,
    int layers, double dropout, boolean tied, CellOptions cellOptions) {
  /** The cell name of a series model without recurrent layers. */
  public static final String LINEAR = "linear";

  /** What a model predicts. */
  public enum Task {
    /** The next token of a text. */
    LANGUAGE,
    /** The next values of a real-valued series. */
    SERIES
  }

  public ModelSpec {
    if (task == null) {
      throw new InvalidInputException("model task must be named (language or series)");
    }
    if (cell == null || cell.isBlank()) {
      throw new InvalidInputException("cell must be named; pass --cell rnn|rnn-relu|lstm|gru|CLASS_NAME");
    }
    cellOptions = cellOptions == null ? CellOptions.none() : cellOptions;
    if (embed < 0) {
      throw new InvalidInputException("embed must be >= 0 (got " + embed + "); pass --embed 0 for one-hot input");
    }
    if (hidden <= 0) {
      throw new InvalidInputException("hidden must be > 0 (got " + hidden + "); pass --hidden N");
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new InvalidInputException("dropout must be in [0, 1) (got " + dropout + "); pass --dropout P");
    }
    if (task == Task.LANGUAGE) {
      if (vocabSize < 2) {
        throw new InvalidInputException("vocabulary must have at least 2 tokens (got " + vocabSize + "); is the corpus empty?");
      }
      if (layers <= 0) {
        throw new InvalidInputException("layers must be > 0 (got " + layers + "); pass --layers N");
      }
      if (tied && embed != hidden) {
        throw new InvalidInputException("--tied needs --embed equal to --hidden (got embed " + embed + ", hidden " + hidden
            + "); the output weight is the embedding table");
      }
    } else {
      if (features <= 0 || outputs <= 0) {
        throw new InvalidInputException("a series model needs features > 0 and outputs > 0 (got " + features + ", " + outputs + ")");
      }
      if (embed != 0 || tied) {
        throw new InvalidInputException("a series model has no embedding; drop --embed and --tied");
      }
      if (cell.equals(LINEAR) != (layers == 0)) {
        throw new InvalidInputException(cell.equals(LINEAR)
            ? "the linear model has no recurrent layers (got --layers " + layers + "); drop --layers"
            : "a recurrent series model needs layers > 0 (got " + layers + "); pass --layers N");
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Width of the values the first layer (or, without layers, the head) reads per step. */
  public int inputSize() {
    return task == Task.SERIES ? features : embed == 0 ? vocabSize : embed;
  }

  /** Width of the model's output per step: the vocabulary, or the predicted values. */
  public int outputSize() {
    return task == Task.SERIES ? outputs : vocabSize;
  }

  public Builder toBuilder() {
    return new Builder().task(task).cell(cell).vocabSize(vocabSize).features(features).outputs(outputs).embed(embed)
        .hidden(hidden).layers(layers).dropout(dropout).tied(tied).cellOptions(cellOptions);
  }

  /**
   * Builds a {@link ModelSpec}; defaults: a language model, LSTM, one-hot input, one layer of 256,
   * no dropout, untied, no cell options.
   */
  public static final class Builder {
    private Task task = Task.LANGUAGE;
    private String cell = "lstm";
    private int vocabSize;
    private int features;
    private int outputs;
    private int embed;
    private int hidden = 256;
    private int layers = 1;
    private double dropout;
    private boolean tied;
    private CellOptions cellOptions = CellOptions.none();

    public Builder task(Task v) {
      task = v;
      return this;
    }

    public Builder cell(String v) {
      cell = v;
      return this;
    }

    public Builder vocabSize(int v) {
      vocabSize = v;
      return this;
    }

    /** A series model: values read per step ({@code features}) and predicted per step ({@code outputs}). */
    public Builder series(int features, int outputs) {
      this.task = Task.SERIES;
      this.features = features;
      this.outputs = outputs;
      return this;
    }

    public Builder features(int v) {
      features = v;
      return this;
    }

    public Builder outputs(int v) {
      outputs = v;
      return this;
    }

    public Builder embed(int v) {
      embed = v;
      return this;
    }

    public Builder hidden(int v) {
      hidden = v;
      return this;
    }

    public Builder layers(int v) {
      layers = v;
      return this;
    }

    public Builder dropout(double v) {
      dropout = v;
      return this;
    }

    public Builder tied(boolean v) {
      tied = v;
      return this;
    }

    public Builder cellOptions(CellOptions v) {
      cellOptions = v;
      return this;
    }

    public ModelSpec build() {
      return new ModelSpec(task, cell, vocabSize, features, outputs, embed, hidden, layers, dropout, tied, cellOptions);
    }
  }
}
