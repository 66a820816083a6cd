package io.recur.backend.onnx;

/**
 * An exported model computes different logits from its source beyond the allowed threshold.
 * Nothing was written. This is a defect in an exporter or a backend, not bad user input.
 */
public class ExportVerificationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final double maxAbsDiff;

  public ExportVerificationException(String message, double maxAbsDiff) {
    super(message);
    this.maxAbsDiff = maxAbsDiff;
  }

  public double maxAbsDiff() {
    return maxAbsDiff;
  }
}
