/**
 * Optimizers as data ({@link io.recur.core.optim.Sgd}, {@link io.recur.core.optim.Adam}) with
 * their update rules written once in Java over float buffers — the reference every backend's
 * native update is tested against — and their state as named arrays (checkpointed, averaged
 * across workers).
 */
package io.recur.core.optim;
