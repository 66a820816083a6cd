/**
 * The cell test kit ({@code io.recur:recur-testkit}): {@link io.recur.testkit.CellTestKit} checks a
 * custom recurrent cell's declarations, purity, float64 gradients, parity on every training backend
 * on the class path and its ONNX export, from a cell author's own JUnit 5 tests. Depends on core,
 * the ND4J and ONNX backends, and the JUnit Jupiter API.
 */
package io.recur.testkit;
