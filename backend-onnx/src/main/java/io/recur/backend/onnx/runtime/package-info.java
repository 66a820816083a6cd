/**
 * Inference on ONNX Runtime: the {@code onnx} backend (capability {@code INFER} only), models
 * loaded from {@code .onnx} files or exported from checkpoints in memory, stateful sessions, and
 * the Guice module that registers them. Depends on core, the export package (for the model
 * signature and metadata) and ONNX Runtime, which loads when the first model opens.
 */
package io.recur.backend.onnx.runtime;
