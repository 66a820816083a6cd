/**
 * Layers over time: {@link io.recur.core.layer.LayerOps} (the ops a model needs beyond cells —
 * input encoding, running a cell over a sequence, dropout, loss), the recurrent layer, and the
 * generic unrolled recurrence that eager backends use when no fused kernel applies.
 */
package io.recur.core.layer;
