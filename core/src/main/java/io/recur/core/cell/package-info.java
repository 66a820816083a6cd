/**
 * The recurrent cell SPI and the built-in cells. A cell is one immutable class that declares its
 * parameters and state and computes one time step against {@link io.recur.core.ops.CellOps};
 * parameters are passed in, never stored, so the same instance trains on any backend and traces
 * into an ONNX graph. {@link io.recur.core.cell.AbstractCell} holds a cell's sizes;
 * {@link io.recur.core.cell.CellProvider}s register short names through {@code ServiceLoader}
 * (the built-ins too), and {@link io.recur.core.cell.CellRegistry} resolves a name or a class name.
 */
package io.recur.core.cell;
