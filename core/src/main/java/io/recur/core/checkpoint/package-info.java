/**
 * Portable checkpoints: a directory holding {@code checkpoint.json} (model spec, text spec,
 * vocabulary, training configuration and history, provenance, checksums) and binary float32
 * arrays. Written atomically — data files first, the manifest last by rename — so a crash or a
 * full disk leaves the previous checkpoint loadable.
 */
package io.recur.core.checkpoint;
