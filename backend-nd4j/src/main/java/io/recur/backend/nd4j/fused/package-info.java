/**
 * Fused kernels: hand-written forward and backward passes of the built-in cells over a whole
 * sequence ({@link io.recur.backend.nd4j.fused.FusedKernels}), each proven equal to the cell's own
 * equations. The input projection of all steps and the weight gradients are single GEMMs on
 * OpenBLAS (JavaCPP, off-heap pointers); each step runs one recurrent GEMM and the gate arithmetic
 * in SIMD-friendly Java loops; the hidden units can be divided among several threads. Owns no
 * state beyond pooled scratch memory and the helper threads; depends on core's cells, ND4J's
 * INDArray and JavaCPP's OpenBLAS.
 */
package io.recur.backend.nd4j.fused;
