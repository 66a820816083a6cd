/**
 * Training listeners that need libraries core does not carry: a progress bar on standard error
 * (me.tongfei:progressbar) and a perplexity-curve plot (XChart). Usable from any program.
 */
package io.recur.examples.listeners;
