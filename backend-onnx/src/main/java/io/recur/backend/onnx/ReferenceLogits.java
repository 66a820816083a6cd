package io.recur.backend.onnx;

import io.recur.core.backend.Logits;

/**
 * The source model's answer on the probe batch, to compare an export against — typically a
 * fresh session of the backend the model was trained on: {@code tokens -> session.forward(tokens)}.
 */
@FunctionalInterface
public interface ReferenceLogits {
  /**
   * @param tokens {@code [B][T]} token ids, fed from zero state
   * @return logits {@code [T, B, V]}
   */
  Logits forward(int[][] tokens);
}
