package io.recur.bench;

import io.recur.core.InvalidInputException;
import io.recur.core.model.ModelSpec;

/**
 * The model and minibatch shape a benchmark runs: a {@code layers}-layer {@code cell} language
 * model with {@code hidden} units, one-hot input ({@code embed == 0}) or an embedding, trained by
 * SGD (learning rate 1, global-norm clipping 1) on {@code batch × steps} minibatches. The
 * {@link #reference()} workload is the one the PyTorch peer measures.
 */
public record Workload(String cell, int hidden, int layers, int embed, int batch, int steps) {
  /** SGD learning rate of the reference workload. */
  public static final double LEARNING_RATE = 1.0;
  /** Global gradient-norm threshold of the reference workload. */
  public static final double CLIP = 1.0;

  public Workload {
    if (batch <= 0) {
      throw new InvalidInputException("batch must be > 0 (got " + batch + "); pass --batch B");
    }
    if (steps <= 0) {
      throw new InvalidInputException("steps must be > 0 (got " + steps + "); pass --steps T");
    }
    ModelSpec.builder().cell(cell).vocabSize(2).hidden(hidden).layers(layers).embed(embed).build(); // validates the rest
  }

  /** The textbook's character LM: one layer of 256, one-hot input, batch 32 × 35 steps. */
  public static Workload reference(String cell) {
    return new Workload(cell, 256, 1, 0, 32, 35);
  }

  /** Whether this is {@link #reference()}'s shape (any cell). */
  public boolean isReference() {
    return equals(reference(cell));
  }

  /** The model for a vocabulary of {@code vocabSize} tokens. */
  public ModelSpec spec(int vocabSize) {
    return ModelSpec.builder().cell(cell).vocabSize(vocabSize).hidden(hidden).layers(layers).embed(embed).build();
  }

  /** Tokens in one minibatch. */
  public int tokensPerBatch() {
    return batch * steps;
  }

  /** "lstm, 1 × 256, one-hot, batch 32 × 35" */
  public String describe() {
    return cell + ", " + layers + " × " + hidden + ", " + (embed == 0 ? "one-hot" : "embedding " + embed) + ", batch " + batch
        + " × " + steps;
  }
}
