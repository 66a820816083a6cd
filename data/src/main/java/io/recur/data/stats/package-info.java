/**
 * What a token stream looks like and how well counting predicts it:
 * {@link io.recur.data.stats.CorpusStats} (token and n-gram counts, the Zipf exponent) and
 * {@link io.recur.data.stats.NgramModel} (an add-alpha n-gram language model and its
 * perplexity — the baseline every neural model is compared with). Works on token ids.
 */
package io.recur.data.stats;
