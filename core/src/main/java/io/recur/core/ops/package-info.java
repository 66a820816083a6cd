/**
 * The op set cells are written against ({@link io.recur.core.ops.CellOps}) and parameter
 * initialisers. Every backend implements {@code CellOps}; a cell that uses nothing else trains,
 * runs and exports on every backend.
 */
package io.recur.core.ops;
