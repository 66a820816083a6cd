/**
 * Optimizers, written once in Java over float buffers so that every backend applies exactly the
 * same update, and their state as named arrays (checkpointed, averaged across workers).
 */
package io.recur.core.optim;
