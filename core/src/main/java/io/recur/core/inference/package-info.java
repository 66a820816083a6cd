/**
 * Using trained models, backend-neutral, on the {@link io.recur.core.backend.InferenceModel} SPI:
 * loading a checkpoint or a model file ({@link io.recur.core.inference.ModelLoader}), encoding a
 * prefix ({@link io.recur.core.inference.Prompt}), generating token ids
 * ({@link io.recur.core.inference.Generator} with a {@link io.recur.core.inference.Decoding}:
 * greedy, sampling with temperature/top-k/top-p, beam search) and scoring token streams
 * ({@link io.recur.core.inference.Scorer}). Token ids in, token ids out: turning text into tokens
 * is the data module's tokenizers' job. Everything here is immutable and thread-safe; sessions
 * are per call.
 */
package io.recur.core.inference;
