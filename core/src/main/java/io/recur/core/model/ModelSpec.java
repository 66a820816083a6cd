package io.recur.core.model;

import io.recur.core.InvalidInputException;

/**
 * The architecture of a language model: token input (one-hot when {@code embed == 0}, else an
 * embedding of width {@code embed}) → {@code layers} recurrent layers of {@code cell} with
 * {@code hidden} units → dropout → linear projection to {@code vocabSize} logits. Dropout
 * ({@code dropout}) applies to the embedding output, between recurrent layers and before the
 * projection, during training only. {@code forgetBias} is the LSTM forget-gate bias at
 * initialisation (ignored by other cells).
 *
 * <p>{@code cell} is a registered name ({@code rnn}, {@code rnn-relu}, {@code lstm},
 * {@code gru}, or a user's) or a class name.
 */
public record ModelSpec(String cell, int vocabSize, int embed, int hidden, int layers, double dropout, float forgetBias) {
  public ModelSpec {
    if (cell == null || cell.isBlank()) {
      throw new InvalidInputException("cell must be named; pass --cell rnn|rnn-relu|lstm|gru|CLASS_NAME");
    }
    if (vocabSize < 2) {
      throw new InvalidInputException("vocabulary must have at least 2 tokens (got " + vocabSize + "); is the corpus empty?");
    }
    if (embed < 0) {
      throw new InvalidInputException("embed must be >= 0 (got " + embed + "); pass --embed 0 for one-hot input");
    }
    if (hidden <= 0) {
      throw new InvalidInputException("hidden must be > 0 (got " + hidden + "); pass --hidden N");
    }
    if (layers <= 0) {
      throw new InvalidInputException("layers must be > 0 (got " + layers + "); pass --layers N");
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new InvalidInputException("dropout must be in [0, 1) (got " + dropout + "); pass --dropout P");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Width of the first recurrent layer's input. */
  public int inputSize() {
    return embed == 0 ? vocabSize : embed;
  }

  public Builder toBuilder() {
    return new Builder().cell(cell).vocabSize(vocabSize).embed(embed).hidden(hidden).layers(layers)
        .dropout(dropout).forgetBias(forgetBias);
  }

  /** Builds a {@link ModelSpec}; defaults: one-hot input, one layer, no dropout, forget bias 0. */
  public static final class Builder {
    private String cell = "lstm";
    private int vocabSize;
    private int embed;
    private int hidden = 256;
    private int layers = 1;
    private double dropout;
    private float forgetBias;

    public Builder cell(String v) {
      cell = v;
      return this;
    }

    public Builder vocabSize(int v) {
      vocabSize = v;
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

    public Builder forgetBias(float v) {
      forgetBias = v;
      return this;
    }

    public ModelSpec build() {
      return new ModelSpec(cell, vocabSize, embed, hidden, layers, dropout, forgetBias);
    }
  }
}
