package io.recur.backend.onnx;

import io.recur.core.backend.Logits;

/**
 * A series model's answer on the probe batch, to compare an export against — typically a fresh
 * session of the backend the model was trained on: {@code values -> session.forward(values)}.
 */
@FunctionalInterface
public interface ReferencePredictions {
  /**
   * @param values {@code [B][T][F]} standardised values, fed from zero state
   * @return predictions {@code [T, B, D]}
   */
  Logits forward(float[][][] values);
}
