/**
 * The ONNX backend's public face: {@link io.recur.backend.onnx.OnnxExporter} writes a model as a
 * self-contained {@code .onnx} file and verifies it on ONNX Runtime against its source. Graph
 * building lives in {@code export} (no ONNX Runtime), inference in {@code runtime}; this package
 * joins them and depends on both.
 */
package io.recur.backend.onnx;
