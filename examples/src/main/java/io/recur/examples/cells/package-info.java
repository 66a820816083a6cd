/**
 * Example custom cells, each one class against {@link io.recur.core.ops.CellOps} with no backend
 * code, registered by short name through {@code META-INF/services/io.recur.core.cell.CellProvider}:
 * {@code mgu}, {@code peephole-lstm}, {@code layernorm-lstm}, {@code indrnn}. Each passes the cell
 * test kit, trains on the command line and exports to ONNX.
 */
package io.recur.examples.cells;
