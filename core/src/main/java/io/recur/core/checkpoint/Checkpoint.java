package io.recur.core.checkpoint;

import io.recur.core.InvalidInputException;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.optim.OptimizerState;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;
import io.recur.core.train.EpochReport;
import io.recur.core.train.TrainingConfig;
import java.util.List;

/**
 * Everything needed to use a trained model or continue training it, backend-neutral: the
 * architecture, how text becomes tokens, the vocabulary, the parameters, and the training
 * configuration, optimizer state and per-epoch history. The seed in the configuration and the
 * number of finished epochs fix all later randomness, so no RNG state beyond them is needed.
 */
public record Checkpoint(ModelSpec spec, TextSpec text, Vocab vocab, ParameterSet params, TrainingConfig training,
    OptimizerState optimizer, List<EpochReport> history, Provenance provenance) {
  public Checkpoint {
    history = List.copyOf(history);
    if (spec.vocabSize() != vocab.size()) {
      throw new IllegalArgumentException("spec says vocabulary " + spec.vocabSize() + " but the vocabulary has " + vocab.size());
    }
  }

  public int epochsDone() {
    return history.size();
  }

  /**
   * Refuses to resume this checkpoint for a run with a different architecture or vocabulary;
   * the message says what differs.
   */
  public void checkResumable(ModelSpec wanted, TextSpec wantedText, Vocab wantedVocab) {
    if (!text.equals(wantedText)) {
      throw new InvalidInputException("checkpoint was trained on " + text + " but this run asks for " + wantedText
          + "; resume with the same --tokenizer and --preprocess");
    }
    if (!vocab.equals(wantedVocab)) {
      throw new InvalidInputException("checkpoint vocabulary (" + vocab.size() + " tokens) differs from this corpus's ("
          + wantedVocab.size() + " tokens); resume on the same corpus and --min-freq, or train a new model");
    }
    ModelSpec mine = spec.toBuilder().dropout(wanted.dropout()).build();
    if (!mine.equals(wanted)) {
      throw new InvalidInputException("checkpoint architecture " + spec + " differs from the requested " + wanted
          + "; omit the architecture options when resuming, or train a new model");
    }
  }
}
