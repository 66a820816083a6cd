/**
 * Preprocessing ({@code letters}, {@code none}) and tokenizers ({@code char}, {@code word}),
 * combined by {@link io.recur.data.text.TextPipeline} from core's
 * {@link io.recur.core.sequence.TextSpec}. Everything here is a pure function of its input and
 * safe to share between threads.
 */
package io.recur.data.text;
