/**
 * ONNX export of any Recur language model, with no ONNX Runtime dependency: a small graph
 * builder over the ONNX protobuf classes ({@link io.recur.backend.onnx.export.OnnxGraph},
 * {@link io.recur.backend.onnx.export.OnnxOp}), ops that record nodes instead of computing
 * ({@link io.recur.backend.onnx.export.OnnxOps}), the built-in cells' gate-order conversion
 * ({@link io.recur.backend.onnx.export.GateLayout}), {@code Scan} export of any other cell, and
 * the model's signature and metadata. Depends on core, the ONNX protobuf classes and Gson.
 */
package io.recur.backend.onnx.export;
