/**
 * Fused kernels: hand-written forward and backward passes of the built-in cells over a whole
 * sequence ({@link io.recur.backend.nd4j.fused.FusedKernels}), each proven equal to the cell's own
 * equations; the vocabulary-wide output — projection, softmax and cross-entropy with their
 * gradients — in bounded row blocks ({@link io.recur.backend.nd4j.fused.ProjectedCrossEntropy});
 * and a language model's network laid out for inference calls of a few rows
 * ({@link io.recur.backend.nd4j.fused.StepModel}). The large products are GEMMs on OpenBLAS
 * (JavaCPP, off-heap pointers); element-wise work runs in SIMD-friendly Java loops; the hidden
 * units or the vocabulary can be divided among several threads. Owns no state beyond pooled
 * scratch memory and the helper threads; depends on core's cells, ND4J's INDArray and JavaCPP's
 * OpenBLAS.
 */
package io.recur.backend.nd4j.fused;
