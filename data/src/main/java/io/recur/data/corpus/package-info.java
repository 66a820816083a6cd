/**
 * Where text comes from: {@link io.recur.data.corpus.Corpora} loads the bundled Time Machine or
 * any UTF-8 file with strict checks, and {@link io.recur.data.corpus.TokenizedCorpus} turns it
 * into a vocabulary and a token-id stream. Uses {@code text} and {@code vocab}.
 */
package io.recur.data.corpus;
