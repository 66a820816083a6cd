package io.recur.core.checkpoint;

import io.recur.core.InvalidInputException;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.optim.OptimizerState;
import io.recur.core.sequence.DataSpec;
import io.recur.core.sequence.SeriesData;
import io.recur.core.sequence.TextData;
import io.recur.core.train.EpochReport;
import io.recur.core.train.TrainingConfig;
import java.util.List;

/**
 * Everything needed to use a trained model or continue training it, backend-neutral: the
 * architecture, what it reads ({@link DataSpec}: text pipeline and vocabulary, or series lags and
 * scaling), the parameters, and the training configuration, optimizer state and per-epoch
 * history. The seed in the configuration and the number of finished epochs fix all later
 * randomness, so no RNG state beyond them is needed.
 */
public record Checkpoint(ModelSpec spec, DataSpec data, ParameterSet params, TrainingConfig training,
    OptimizerState optimizer, List<EpochReport> history, Provenance provenance) {
  public Checkpoint {
    history = List.copyOf(history);
    checkConsistent(spec, data);
  }

  /** Refuses a spec and data that do not belong together (a language model with series data, a vocabulary of another size). */
  public static void checkConsistent(ModelSpec spec, DataSpec data) {
    if (data instanceof TextData t) {
      if (spec.task() != ModelSpec.Task.LANGUAGE || spec.vocabSize() != t.vocab().size()) {
        throw new IllegalArgumentException("spec " + spec.task() + " with vocabulary " + spec.vocabSize()
            + " does not match text data with a vocabulary of " + t.vocab().size());
      }
    } else if (data instanceof SeriesData s) {
      if (spec.task() != ModelSpec.Task.SERIES || spec.features() != s.features() || spec.outputs() != s.variables()) {
        throw new IllegalArgumentException("spec " + spec.task() + " reading " + spec.features() + " → " + spec.outputs()
            + " values does not match series data of tau " + s.tau() + " over " + s.variables() + " columns");
      }
    }
  }

  public int epochsDone() {
    return history.size();
  }

  /** The text data of a language model's checkpoint. */
  public TextData text() {
    if (data instanceof TextData t) {
      return t;
    }
    throw new InvalidInputException("this checkpoint holds a series model; it reads no text");
  }

  /**
   * Refuses to resume this checkpoint for a run with a different architecture or data; the
   * message says what differs. Dropout may change.
   */
  public void checkResumable(ModelSpec wanted, DataSpec wantedData) {
    if (data instanceof TextData mine && wantedData instanceof TextData theirs) {
      if (!mine.text().equals(theirs.text())) {
        throw new InvalidInputException("checkpoint was trained on " + mine.text() + " but this run asks for " + theirs.text()
            + "; resume with the same --tokenizer and --preprocess");
      }
      if (!mine.vocab().equals(theirs.vocab())) {
        throw new InvalidInputException("checkpoint vocabulary (" + mine.vocab().size() + " tokens) differs from this corpus's ("
            + theirs.vocab().size() + " tokens" + (mine.vocab().size() == theirs.vocab().size() ? ", other tokens or order" : "")
            + "); resume on the same corpus and --min-freq, or train a new model");
      }
    } else if (!data.equals(wantedData)) {
      throw new InvalidInputException("checkpoint was trained on " + data + " but this run has " + wantedData
          + "; resume on the same data with the same --tau, or train a new model");
    }
    ModelSpec mine = spec.toBuilder().dropout(wanted.dropout()).build();
    if (!mine.equals(wanted)) {
      throw new InvalidInputException("checkpoint architecture " + spec + " differs from the requested " + wanted
          + "; omit the architecture options when resuming, or train a new model");
    }
  }
}
