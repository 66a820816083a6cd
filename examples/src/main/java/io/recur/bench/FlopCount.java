package io.recur.bench;

import io.recur.core.cell.ParamSpec;
import io.recur.core.model.LanguageModel;

/**
 * The floating-point operations one token costs a language model, counting its matrix products
 * only (a multiply-add is 2 FLOPs; element-wise gate math and the embedding lookup are left out):
 * every two-dimensional weight {@code [out, in]} is used in one {@code x·Wᵀ} per token, which is
 * true of the built-in cells and of cells written like them. A one-hot input is counted as the
 * dense product it replaces, as {@code ../shared/bench/README.md} does. Training costs three
 * forward passes (forward, gradient of the inputs, gradient of the weights).
 */
public final class FlopCount {
  private FlopCount() {}

  /** Forward FLOPs per token, e.g. 2·4H(D + H) + 2·H·V = 595,968 for the reference LSTM. */
  public static long forwardPerToken(LanguageModel model) {
    long multiplyAdds = 0;
    for (var e : model.parameters().entrySet()) {
      ParamSpec p = e.getValue();
      if (!e.getKey().equals(LanguageModel.EMBEDDING) && p.role() == ParamSpec.Role.WEIGHT && p.shape().length == 2) {
        multiplyAdds += (long) p.shape()[0] * p.shape()[1];
      }
    }
    return 2 * multiplyAdds;
  }

  /** Training FLOPs per token: three times {@link #forwardPerToken}. */
  public static long trainingPerToken(LanguageModel model) {
    return 3 * forwardPerToken(model);
  }
}
