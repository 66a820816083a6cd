/**
 * The ND4J backend: eager INDArray ops that record a gradient tape, training and inference
 * sessions, and fused kernels for the built-in cells and the vocabulary-wide output ({@code fused}). Depends on core, ND4J and
 * OpenBLAS (JavaCPP); ND4J loads when the first session opens, never at injection time.
 */
package io.recur.backend.nd4j;
