package io.recur.bench;

import io.recur.core.InvalidInputException;
import io.recur.core.model.ModelSpec;

/**
 * The model and minibatch shape a benchmark runs: a {@code layers}-layer {@code cell} language
 * model with {@code hidden} units, one-hot input ({@code embed == 0}) or an embedding, trained by
 * SGD (learning rate 1) on {@code batch × steps} minibatches. Character workloads are cut as the
 * textbook does (sequential, a random offset each epoch) and clipped at norm 1, as
 * {@code torch_charlm.py} does; word workloads ({@code words}) as PyTorch's word_language_model
 * does ({@code batchify}) and clipped at norm 5, as {@code torch_wordlm.py} does.
 */
public record Workload(String cell, int hidden, int layers, int embed, int batch, int steps, boolean words) {
  /** SGD learning rate of every workload. */
  public static final double LEARNING_RATE = 1.0;

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
    return new Workload(cell, 256, 1, 0, 32, 35, false);
  }

  /** The "small" PTB word LM of {@code torch_wordlm.py}'s defaults: two LSTM layers of 200, embedding 200, batch 20 × 20. */
  public static Workload wordReference() {
    return new Workload("lstm", 200, 2, 200, 20, 20, true);
  }

  /** Whether this is {@link #reference}'s shape (any cell). */
  public boolean isReference() {
    return equals(reference(cell));
  }

  /** The global gradient-norm threshold: 1 for characters, 5 for words. */
  public double clip() {
    return words ? 5.0 : 1.0;
  }

  /** The training partitioning's name: {@code sequential} for characters, {@code batchify} for words. */
  public String partition() {
    return words ? "batchify" : "sequential";
  }

  /** The model for a vocabulary of {@code vocabSize} tokens. */
  public ModelSpec spec(int vocabSize) {
    return ModelSpec.builder().cell(cell).vocabSize(vocabSize).hidden(hidden).layers(layers).embed(embed).build();
  }

  /** Tokens in one minibatch. */
  public int tokensPerBatch() {
    return batch * steps;
  }

  /** "lstm, 1 × 256, one-hot, batch 32 × 35, sequential, clip 1" */
  public String describe() {
    return cell + ", " + layers + " × " + hidden + ", " + (embed == 0 ? "one-hot" : "embedding " + embed) + ", batch " + batch
        + " × " + steps + ", " + partition() + ", clip " + (int) clip();
  }
}
