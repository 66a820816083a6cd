/**
 * Fused kernels: hand-written forward and backward passes of the built-in cells over a whole
 * sequence (input projection of all steps as one GEMM, per-step recurrent GEMMs on OpenBLAS,
 * gate arithmetic in place). Each is proven equal to the generic path on the same weights.
 */
package io.recur.backend.nd4j.fused;
