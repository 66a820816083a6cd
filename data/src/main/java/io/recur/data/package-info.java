/**
 * Text to token streams, for any backend: corpora ({@code corpus}), preprocessing and tokenizers
 * ({@code text}), vocabulary building ({@code vocab}), corpus statistics and the n-gram baseline
 * ({@code stats}), minibatch partitioners ({@code partition}) and synthetic series
 * ({@code series}). Depends on {@code core} only.
 */
package io.recur.data;
