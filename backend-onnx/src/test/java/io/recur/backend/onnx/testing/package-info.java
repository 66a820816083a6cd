/** Test fixtures of the ONNX backend: custom cells written only against CellOps, random models, the float64 reference. */
package io.recur.backend.onnx.testing;
