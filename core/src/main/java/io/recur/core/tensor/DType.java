package io.recur.core.tensor;

/** Element types a backend computes in: float32 for training and inference, float64 for gradient checks. */
public enum DType {
  FLOAT32,
  FLOAT64
}
