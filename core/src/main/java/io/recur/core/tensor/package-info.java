/** Opaque tensor handles and their shapes; each backend supplies its own {@link io.recur.core.tensor.Tensor}. */
package io.recur.core.tensor;
