/**
 * The backend SPI: a {@link io.recur.core.backend.Backend} opens training sessions (forward,
 * backward, update on named arrays) and inference models (thread-safe, shared) with stateful
 * per-thread sessions. {@link io.recur.core.backend.BackendSelector} picks one by configured name,
 * instantiating only the chosen one.
 */
package io.recur.core.backend;
