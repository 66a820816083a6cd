package io.recur.backend.tensorflow;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the one contract test that expects dropout masks drawn from core's {@code Rng} element by
 * element: TensorFlow draws its masks with its own stateless generator from a seed (parity in
 * distribution, which {@code dropout_zeroes_about_p_of_the_elements_and_keeps_the_mean} checks).
 */
final class BackendDrawsItsOwnMasks implements ExecutionCondition {
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    boolean rngMasks = context.getTestMethod().map(m -> m.getName().equals("dropout_draws_one_number_per_element_in_row_major_order"))
        .orElse(false);
    return rngMasks
        ? ConditionEvaluationResult.disabled("TensorFlow draws dropout masks from a seed with its own generator")
        : ConditionEvaluationResult.enabled("");
  }
}
