/**
 * Using trained models, backend-neutral: loading a checkpoint or a model file, generating text
 * (greedy, sampling with temperature/top-k/top-p, beam search) and scoring text.
 */
package io.recur.core.inference;
