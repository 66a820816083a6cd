/**
 * Checking cells and backends: {@link io.recur.core.check.ReferenceOps} (plain-Java float64 ops,
 * the reference every backend is compared with), {@link io.recur.core.check.GradientCheck}
 * (central differences in float64) and {@link io.recur.core.check.CellCheck} (a cell's
 * declarations against a dry run of its step, when a model is built). Depends on the cell, ops
 * and layer packages; the model package uses it.
 */
package io.recur.core.check;
